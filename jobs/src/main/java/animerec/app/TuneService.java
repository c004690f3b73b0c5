package animerec.app;

import animerec.eval.ModelEvaluation;
import animerec.eval.Relevance;
import animerec.eval.UserSet;
import animerec.model.Recommender;
import animerec.split.SplitData;
import animerec.split.Splitter;
import animerec.tune.EnqueuedSampler;
import animerec.tune.MedianPruner;
import animerec.tune.Sampler;
import animerec.tune.SearchSpace;
import animerec.tune.SmileSampler;
import animerec.tune.Study;
import animerec.tune.StudyFiles;
import animerec.tune.TpeSampler;
import animerec.tune.Trial;
import animerec.tune.TuningObjective;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * A hyperparameter study on a split's validation carve-out ({@link TuningObjective}): samples trials, prunes them when
 * asked, resumes from the journal, and writes the study files ({@link StudyFiles}).
 */
public final class TuneService {
    private final Recommender family;
    private final SearchSpace searchSpace;
    private final Path spaceFile;
    private final List<Map<String, String>> queue;
    private final TuneRequest.Options o;

    private TuneService(TuneRequest r) {
        family = r.family();
        searchSpace = r.space();
        spaceFile = r.spaceFile();
        queue = r.queue();
        o = r.options();
    }

    /** Runs the study and writes its files; prints a line per trial and the best trials. */
    public static void run(AppContext ctx, TuneRequest request) throws Exception {
        new TuneService(request).run(ctx);
    }

    private void run(AppContext ctx) throws Exception {
        if (o.parallel > 1) {
            ctx.sparkConfIfAbsent("spark.scheduler.mode", "FAIR");
        }
        SparkSession spark = ctx.spark("animerec tune");
        SplitData data = SplitData.load(spark, o.split);
        if (data.validationTrainingData() == null) {
            throw new UserError(o.split + ": the split has no validation/ carve-out (make it with split --validation-ratio R)");
        }
        int objectiveK = o.k;
        long seed = ctx.seed();
        long sSeed = o.samplerSeed != null ? o.samplerSeed : seed;
        Sampler chosen = switch (o.sampler.toLowerCase(Locale.ROOT)) {
            case "random" -> SmileSampler.random(searchSpace, sSeed, o.trials);
            case "grid" -> SmileSampler.grid(searchSpace, o.gridPoints);
            case "tpe" -> new TpeSampler(searchSpace, SmileSampler.random(searchSpace, sSeed, o.trials), o.startup, o.candidates, sSeed);
            default -> throw new IllegalStateException(o.sampler); // TuneRequest checked it
        };
        String enqueued = "";
        if (!queue.isEmpty()) {
            EnqueuedSampler queued = new EnqueuedSampler(searchSpace, queue, chosen);
            enqueued = queued.describe(); // the values, so --resume sees a changed default or the same setting reordered
            chosen = queued;
        }
        Path dir = StudyFiles.studyDir(ctx.config().paths.experiments, o.study);
        Files.createDirectories(dir);
        if (o.resume && Files.exists(dir.resolve("study.json"))) {
            JsonNode before = Json.MAPPER.readTree(dir.resolve("study.json").toFile());
            for (String key : List.of("model", "sampler", "split_id", "folds", "enqueue")) {
                String now = switch (key) {
                    case "model" -> o.model;
                    case "sampler" -> o.sampler;
                    case "folds" -> String.valueOf(o.folds);
                    case "enqueue" -> enqueued;
                    default -> data.splitId();
                };
                if (!before.path(key).asText(key.equals("folds") ? "1" : "").equals(now)) {
                    throw new UserError("--resume: study '" + o.study + "' was run with " + key + " '" + before.path(key).asText()
                            + "', not '" + now + "'");
                }
            }
        }
        ModelEvaluation.Settings settings = new ModelEvaluation.Settings(new int[] {objectiveK},
                Relevance.parse(ctx.config().evaluation.relevance), UserSet.TRUTH);
        List<Splitter.Split> carveOuts = TuningObjective.carveOuts(data, o.folds, seed, o.split);
        boolean pruning = o.pruner.equals("median");
        Study.Objective objective = new TuningObjective(spark, family,
                params -> family.params(ModelParams.withEvaluationRelevance(ctx.config(), family, params)), data, carveOuts,
                settings, pruning, new java.util.TreeSet<>(o.reportEpochs), o.parallel, seed);
        ObjectNode info = Json.object();
        info.put("study", o.study).put("model", o.model).put("sampler", o.sampler).put("pruner", o.pruner).put("trials", o.trials).put("parallel", o.parallel)
                .put("seed", seed).put("sampler_seed", sSeed).put("objective", (o.folds > 1 ? "mean over " + o.folds + " carve-outs of " : "") + "validation ndcg@" + objectiveK
                        + " (map@" + objectiveK + " breaks ties)")
                .put("split", o.split).put("split_id", data.splitId()).put("space_file", spaceFile.toString()).put("folds", o.folds)
                .put("enqueue", enqueued);
        Study s = new Study(o.study, dir, chosen, o.trials, o.timeout, pruning ? new MedianPruner(o.prunerStartup, o.prunerWarmup) : null);
        List<Trial> result = s.run(objective, o.resume, t -> {
            List<Trial> all = s.finished();
            Trial best = Study.best(all);
            System.out.printf(Locale.ROOT, "trial %3d %-8s %s  %.1f s  best %s  %s%n", t.number(), t.state(),
                    t.state() == Trial.State.COMPLETE ? String.format(Locale.ROOT, "ndcg@%d=%.5f map=%.5f", objectiveK, t.value(), t.tieBreak())
                            : t.state() == Trial.State.PRUNED ? String.format(Locale.ROOT, "%s (ndcg@%d %.5f)", t.message(), objectiveK, t.value())
                            : "failed: " + t.message(),
                    t.seconds(), best == null ? "-" : String.format(Locale.ROOT, "%.5f (#%d)", best.value(), best.number()),
                    t.params());
            StudyFiles.writeSummary(dir, all, info, searchSpace, objectiveK);
        }, o.parallel);
        StudyFiles.writeSummary(dir, result, info, searchSpace, objectiveK);
        printTable(result, objectiveK);
        System.out.println("study files in " + dir + "; retrain with: animerec train --model " + o.model
                + " --config " + dir.resolve("best_params.yaml") + " --split <split>");
    }

    private static void printTable(List<Trial> all, int objectiveK) {
        List<Trial> sorted = new ArrayList<>(all);
        sorted.sort((a, b) -> a.state() != b.state() ? a.state().compareTo(b.state()) : a.betterThan(b) ? -1 : b.betterThan(a) ? 1 : 0);
        System.out.printf(Locale.ROOT, "%-6s %-9s %12s %10s %8s  %s%n", "trial", "state", "ndcg@" + objectiveK, "map", "secs", "params");
        for (Trial t : sorted.subList(0, Math.min(10, sorted.size()))) {
            System.out.printf(Locale.ROOT, "%-6d %-9s %12.5f %10.5f %8.1f  %s%n", t.number(), t.state(), t.value(), t.tieBreak(),
                    t.seconds(), t.params());
        }
    }
}
