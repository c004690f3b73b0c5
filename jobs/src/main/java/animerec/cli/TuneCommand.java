package animerec.cli;

import animerec.eval.ModelEvaluation;
import animerec.eval.Relevance;
import animerec.eval.UserSet;
import animerec.catalog.ModelCatalog;
import animerec.model.EpochListener;
import animerec.model.EpochTrainable;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import animerec.split.SplitData;
import animerec.split.SplitStrategy;
import animerec.split.Splitter;
import animerec.tune.MedianPruner;
import animerec.tune.SearchSpace;
import animerec.tune.Study;
import animerec.tune.EnqueuedSampler;
import animerec.tune.SmileSampler;
import animerec.tune.Sampler;
import animerec.tune.TpeSampler;
import animerec.tune.Trial;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "tune", mixinStandardHelpOptions = true,
        description = {"Hyperparameter study on a split's validation carve-out (split --validation-ratio): every trial fits",
            "the model on validation/train and scores NDCG@K on validation/test (MAP@K breaks ties); test is never read.",
            "Search space: conf/tuning/<model>.yaml. Study files: <experiments>/optuna_studies/<study>/ (journal.jsonl,",
            "trials.csv, best_params.yaml, study.json). best_params.yaml is a config for `train --config`."})
final class TuneCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--model", required = true, description = "model to tune")
    String model;

    @Option(names = "--study", required = true, description = "study name (its folder under optuna_studies/)")
    String study;

    @Option(names = "--split", required = true, paramLabel = "DIR", description = "split with a validation/ carve-out")
    String split;

    @Option(names = "--trials", description = "number of trials (default: ${DEFAULT-VALUE})")
    int trials = 30;

    @Option(names = "--sampler", description = "tpe, random or grid (default: ${DEFAULT-VALUE})")
    String sampler = "tpe";

    @Option(names = "--pruner", description = "median or none; svd, warp and bpr report validation NDCG at --report-epochs "
            + "(other models are never pruned) (default: ${DEFAULT-VALUE})")
    String pruner = "none";

    @Option(names = "--report-epochs", split = ",", description = "epochs after which svd, warp and bpr report to the pruner (default: 5,10,20,40)")
    List<Integer> reportEpochs = List.of(5, 10, 20, 40);

    @Option(names = "--pruner-startup-trials", description = "median pruner: completed trials before pruning (default: ${DEFAULT-VALUE})")
    int prunerStartup = 5;

    @Option(names = "--pruner-warmup-steps", description = "median pruner: never prune at or before this epoch (default: ${DEFAULT-VALUE})")
    int prunerWarmup = 0;

    @Option(names = "--resume", description = "continue the study from its journal")
    boolean resume;

    @Option(names = "--timeout", paramLabel = "S", description = "start no new trial after S seconds (0 = none)")
    double timeout = 0;

    @Option(names = "--parallel", description = "concurrent trials, each in its own FAIR scheduler pool; random and grid "
            + "samplers only, without pruning (default: ${DEFAULT-VALUE})")
    int parallel = 1;

    @Option(names = "--space", paramLabel = "FILE", description = "search space YAML (default: conf/tuning/<model>.yaml)")
    String space;

    @Option(names = "--k", description = "the K of the objective NDCG@K (default: ${DEFAULT-VALUE})")
    int k = 10;

    @Option(names = "--startup-trials", description = "TPE: random trials first (default: ${DEFAULT-VALUE})")
    int startup = 10;

    @Option(names = "--ei-candidates", description = "TPE: candidates drawn per parameter (default: ${DEFAULT-VALUE})")
    int candidates = 24;

    @Option(names = "--sampler-seed", description = "seed of the sampler only (default: the config seed, which also "
            + "seeds every model fit)")
    Long samplerSeed;

    @Option(names = "--folds", description = "validation carve-outs the objective averages over: the split's own, then "
            + "F-1 more drawn from train with its validation ratio and strategy and seeds seed+2, seed+3, ... (repeated "
            + "hold-out; default: ${DEFAULT-VALUE})")
    int folds = 1;

    @Option(names = "--grid-points", description = "grid: values per numeric range (default: ${DEFAULT-VALUE})")
    int gridPoints = 4;

    @Option(names = "--enqueue", paramLabel = "PARAMS", description = "run this setting first, before the sampler's trials "
            + "(Optuna's enqueue_trial; repeatable, in order; counted in --trials): 'defaults' for the model's defaults, or "
            + "name=value,name=value,... naming every searched parameter")
    List<String> enqueue = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (trials < 1) {
            throw new UserError("--trials must be at least 1, got " + trials);
        }
        if (!pruner.equals("none") && !pruner.equals("median")) {
            throw new UserError("--pruner " + pruner + ": expected median or none");
        }
        if (parallel < 1) {
            throw new UserError("--parallel must be at least 1, got " + parallel);
        }
        if (parallel > 1) {
            common.sparkConf.putIfAbsent("spark.scheduler.mode", "FAIR");
        }
        if (!study.matches("[A-Za-z0-9._-]+")) {
            throw new UserError("--study '" + study + "': use letters, digits, '.', '_' and '-' only");
        }
        if (folds < 1) {
            throw new UserError("--folds must be at least 1, got " + folds);
        }
        if (folds > 1 && pruner.equals("median")) {
            throw new UserError("--folds " + folds + " with --pruner median: the pruner follows one carve-out's curve; use one");
        }
        if (startup < 1 || candidates < 1 || gridPoints < 1) {
            throw new UserError("--startup-trials, --ei-candidates and --grid-points must be at least 1");
        }
        Recommender family = ModelCatalog.get(model);
        Path spaceFile = spaceFile(model, space);
        SearchSpace searchSpace = readSpace(spaceFile, family);
        List<Map<String, String>> queue = List.of();
        if (!enqueue.isEmpty()) { // checked before Spark starts, so a typo costs nothing
            queue = EnqueuedSampler.parse(enqueue, searchSpace, family.params(Map.of()).asStrings());
            if (queue.size() > trials) {
                throw new UserError("--enqueue gives " + queue.size() + " settings but --trials is " + trials
                        + "; the queued trials count in --trials");
            }
        }
        SparkSession spark = common.spark("animerec tune");
        SplitData data = SplitData.load(spark, split);
        if (data.validationTrainingData() == null) {
            throw new UserError(split + ": the split has no validation/ carve-out (make it with split --validation-ratio R)");
        }
        if (k < 1) {
            throw new UserError("--k must be positive, got " + k);
        }
        int objectiveK = k;
        long seed = common.config().seed;
        long sSeed = samplerSeed != null ? samplerSeed : seed;
        Sampler chosen = switch (sampler.toLowerCase(Locale.ROOT)) {
            case "random" -> SmileSampler.random(searchSpace, sSeed, trials);
            case "grid" -> SmileSampler.grid(searchSpace, gridPoints);
            case "tpe" -> new TpeSampler(searchSpace, SmileSampler.random(searchSpace, sSeed, trials), startup, candidates, sSeed);
            default -> throw new UserError("--sampler '" + sampler + "': expected tpe, random or grid");
        };
        String enqueued = "";
        if (!queue.isEmpty()) {
            EnqueuedSampler queued = new EnqueuedSampler(searchSpace, queue, chosen);
            enqueued = queued.describe(); // the values, so --resume sees a changed default or the same setting reordered
            chosen = queued;
        }
        Path dir = studyDir(common.config().paths.experiments, study);
        Files.createDirectories(dir);
        if (resume && Files.exists(dir.resolve("study.json"))) {
            JsonNode before = Json.MAPPER.readTree(dir.resolve("study.json").toFile());
            for (String key : List.of("model", "sampler", "split_id", "folds", "enqueue")) {
                String now = switch (key) {
                    case "model" -> model;
                    case "sampler" -> sampler;
                    case "folds" -> String.valueOf(folds);
                    case "enqueue" -> enqueued;
                    default -> data.splitId();
                };
                if (!before.path(key).asText(key.equals("folds") ? "1" : "").equals(now)) {
                    throw new UserError("--resume: study '" + study + "' was run with " + key + " '" + before.path(key).asText()
                            + "', not '" + now + "'");
                }
            }
        }
        ModelEvaluation.Settings settings = new ModelEvaluation.Settings(new int[] {objectiveK},
                Relevance.parse(common.config().evaluation.relevance), UserSet.TRUTH);
        var vTrain = data.validationTrainingData();
        // the carve-outs: the split's own first, then more drawn the way the split drew it, with other seeds
        List<Splitter.Split> carveOuts = new ArrayList<>(List.of(new Splitter.Split(data.validationTrain(), data.validationTest())));
        if (folds > 1) {
            JsonNode splitParams = data.manifest().path("params");
            double ratio = splitParams.path("validation_ratio").asDouble(0);
            if (ratio <= 0) {
                throw new UserError(split + ": split.json does not record its validation_ratio, so --folds cannot draw more");
            }
            SplitStrategy strategy = SplitStrategy.parse(
                    splitParams.path("validation_strategy").asText("random"));
            long splitSeed = data.manifest().path("seed").asLong(seed);
            for (int f = 1; f < folds; f++) {
                carveOuts.add(Splitter.split(data.train(), strategy, ratio, splitSeed + 1 + f));
            }
        }
        boolean pruning = pruner.equals("median");
        java.util.Set<Integer> reportAt = new java.util.TreeSet<>(reportEpochs);
        // {NDCG@K, MAP@K} of a model (final, or an epoch snapshot) on carve-out f
        java.util.function.BiFunction<RecommenderModel, Integer, double[]> scoreOn = (model, f) -> {
            ModelEvaluation.Result r = ModelEvaluation.run(model, carveOuts.get(f).train(), carveOuts.get(f).test(), settings);
            r.recommendations().unpersist();
            return new double[] {r.metrics().get("ndcg@" + objectiveK), r.metrics().get("map@" + objectiveK)};
        };
        java.util.function.Function<RecommenderModel, double[]> score = model -> scoreOn.apply(model, 0);
        Study.Objective objective = (number, params, reporter) -> {
            if (parallel > 1) {
                spark.sparkContext().setLocalProperty("spark.scheduler.pool", "trial-" + (number % parallel));
            }
            try {
                var p = family.params(TrainCommand.withEvaluationRelevance(common, family, params));
                if (pruning && family instanceof EpochTrainable trainable) {
                    return score.apply(trainable.fit(vTrain, p, seed, new EpochListener() {
                        @Override
                        public void epochDone(int epoch, double seconds) {
                        }

                        @Override
                        public boolean wantsSnapshot(int epoch) {
                            return reportAt.contains(epoch);
                        }

                        @Override
                        public void snapshot(int epoch, RecommenderModel model) {
                            reporter.report(epoch, score.apply(model)[0]);
                        }
                    }));
                }
                // the mean over the carve-outs, each fitted on its own train (with one carve-out, its value)
                double[] mean = new double[2];
                for (int f = 0; f < folds; f++) {
                    double[] v = scoreOn.apply(family.fit(new TrainingData(carveOuts.get(f).train(), data.items()), p, seed), f);
                    mean[0] += v[0] / folds;
                    mean[1] += v[1] / folds;
                }
                return mean;
            } finally {
                if (parallel == 1) { // concurrent trials would lose each other's caches (and local checkpoints)
                    data.fits().clear(); // the hybrids' shared fits hold data unpersisted here
                    spark.sparkContext().getPersistentRDDs().values().foreach(rdd -> rdd.unpersist(false));
                }
            }
        };
        ObjectNode info = Json.object();
        info.put("study", study).put("model", model).put("sampler", sampler).put("pruner", pruner).put("trials", trials).put("parallel", parallel)
                .put("seed", seed).put("sampler_seed", sSeed).put("objective", (folds > 1 ? "mean over " + folds + " carve-outs of " : "") + "validation ndcg@" + objectiveK
                        + " (map@" + objectiveK + " breaks ties)")
                .put("split", split).put("split_id", data.splitId()).put("space_file", spaceFile.toString()).put("folds", folds)
                .put("enqueue", enqueued);
        Study s = new Study(study, dir, chosen, trials, timeout, pruning ? new MedianPruner(prunerStartup, prunerWarmup) : null);
        List<Trial> result = s.run(objective, resume, t -> {
            List<Trial> all = s.finished();
            Trial best = Study.best(all);
            System.out.printf(Locale.ROOT, "trial %3d %-8s %s  %.1f s  best %s  %s%n", t.number(), t.state(),
                    t.state() == Trial.State.COMPLETE ? String.format(Locale.ROOT, "ndcg@%d=%.5f map=%.5f", objectiveK, t.value(), t.tieBreak())
                            : t.state() == Trial.State.PRUNED ? String.format(Locale.ROOT, "%s (ndcg@%d %.5f)", t.message(), objectiveK, t.value())
                            : "failed: " + t.message(),
                    t.seconds(), best == null ? "-" : String.format(Locale.ROOT, "%.5f (#%d)", best.value(), best.number()),
                    t.params());
            writeSummary(dir, all, info, searchSpace, objectiveK);
        }, parallel);
        writeSummary(dir, result, info, searchSpace, objectiveK);
        printTable(result, objectiveK);
        System.out.println("study files in " + dir + "; retrain with: animerec train --model " + model
                + " --config " + dir.resolve("best_params.yaml") + " --split <split>");
        return 0;
    }

    /**
     * A study's folder, {@code <experiments>/optuna_studies/<study>}. It is local: the journal is forced to disk after
     * every trial event, which needs a local file system, so an hdfs:/s3a: experiments path is refused by name.
     */
    static Path studyDir(String experiments, String study) {
        java.net.URI uri = new org.apache.hadoop.fs.Path(experiments).toUri();
        if (uri.getScheme() != null && !uri.getScheme().equals("file")) {
            throw new UserError("paths.experiments " + experiments + ": tuning studies are kept in a local folder (their "
                    + "journal is forced to disk after every trial); pass --experiments DIR with a local folder");
        }
        Path base = uri.getScheme() == null ? Path.of(experiments) : Path.of(uri);
        return base.resolve("optuna_studies").resolve(study);
    }

    /** The search space file: {@code space} when given, else conf/tuning/<model>.yaml. */
    static Path spaceFile(String model, String space) {
        return Path.of(space != null ? space : "conf/tuning/" + model + ".yaml");
    }

    private static SearchSpace readSpace(Path file, Recommender family) {
        if (!Files.exists(file)) {
            throw new UserError(file + ": no search space (write conf/tuning/" + family.name() + ".yaml or pass --space FILE)");
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new UserError(file + ": not valid YAML: " + e.getMessage(), e);
        }
        for (var it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!List.of("model", "params").contains(key)) {
                throw new UserError(file + ": unknown key '" + key + "' (expected model, params)");
            }
        }
        if (root.hasNonNull("model") && !root.path("model").asText().equals(family.name())) {
            throw new UserError(file + ": model is '" + root.path("model").asText() + "', not " + family.name());
        }
        SearchSpace s = SearchSpace.parse(file.toString(), family.name(), root.path("params"));
        TreeSet<String> known = new TreeSet<>();
        family.params().forEach(p -> known.add(p.name()));
        for (SearchSpace.Dimension d : s.dimensions()) {
            if (!known.contains(d.name())) {
                throw new UserError(file + ": params." + d.name() + " is not a parameter of " + family.name() + " " + known);
            }
        }
        return s;
    }

    private void writeSummary(Path dir, List<Trial> all, ObjectNode info, SearchSpace space, int objectiveK) {
        List<String> names = new ArrayList<>();
        space.dimensions().forEach(d -> names.add(d.name()));
        StringBuilder csv = new StringBuilder("number,value,map,state,duration_s");
        names.forEach(n -> csv.append(",params_").append(n));
        csv.append(",message\n");
        for (Trial t : all) {
            csv.append(t.number()).append(',').append(t.state() == Trial.State.COMPLETE ? t.value() : "")
                    .append(',').append(t.state() == Trial.State.COMPLETE ? t.tieBreak() : "")
                    .append(',').append(t.state()).append(',').append(String.format(Locale.ROOT, "%.3f", t.seconds()));
            names.forEach(n -> csv.append(',').append(t.params().getOrDefault(n, "")));
            csv.append(',').append(t.message() == null ? "" : '"' + t.message().replace("\"", "'").replace("\n", " ") + '"').append('\n');
        }
        animerec.util.LocalFiles.writeAtomically(dir.resolve("trials.csv"), csv.toString());
        Trial best = Study.best(all);
        ObjectNode json = info.deepCopy();
        json.put("finished", all.size());
        json.put("complete", all.stream().filter(t -> t.state() == Trial.State.COMPLETE).count());
        json.put("failed", all.stream().filter(t -> t.state() == Trial.State.FAIL).count());
        json.put("pruned", all.stream().filter(t -> t.state() == Trial.State.PRUNED).count());
        json.put("seconds", all.stream().mapToDouble(Trial::seconds).sum());
        if (best != null) {
            ObjectNode b = json.putObject("best");
            b.put("trial", best.number()).put("value", best.value()).put("map", best.tieBreak());
            b.set("params", Json.MAPPER.valueToTree(best.params()));
            List<Double> curve = new ArrayList<>();
            double run = Double.NEGATIVE_INFINITY;
            for (Trial t : all) {
                if (t.state() == Trial.State.COMPLETE) {
                    run = Math.max(run, t.value());
                }
                curve.add(run == Double.NEGATIVE_INFINITY ? null : run);
            }
            json.set("best_value_by_trial", Json.MAPPER.valueToTree(curve));
            StringBuilder yaml = new StringBuilder();
            yaml.append(String.format(Locale.ROOT, "# best trial %d of study %s: validation ndcg@%d %.6f, map@%d %.6f%n",
                    best.number(), info.path("study").asText(), objectiveK, best.value(), objectiveK, best.tieBreak()));
            yaml.append("# an animerec config: animerec train --model ").append(info.path("model").asText())
                    .append(" --config <this file> --split <split>\n");
            yaml.append("seed: ").append(info.path("seed").asLong()).append('\n');
            yaml.append("study: ").append(info.path("study").asText()).append('\n');
            yaml.append("models:\n  ").append(info.path("model").asText()).append(":\n");
            for (Map.Entry<String, String> e : new LinkedHashMap<>(best.params()).entrySet()) {
                yaml.append("    ").append(e.getKey()).append(": \"").append(e.getValue()).append("\"\n");
            }
            animerec.util.LocalFiles.writeAtomically(dir.resolve("best_params.yaml"), yaml.toString());
        }
        animerec.util.LocalFiles.writeAtomically(dir.resolve("study.json"), Json.write(json));
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
