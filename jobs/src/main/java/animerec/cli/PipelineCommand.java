package animerec.cli;

import animerec.artifact.RootLock;
import animerec.config.AnimerecConfig;
import animerec.data.Datasets;
import animerec.data.Fingerprints;
import animerec.data.generate.SampleDatasetWriter;
import animerec.data.generate.SampleSpec;
import animerec.eval.Experiment;
import animerec.eval.Leaderboard;
import animerec.eval.ModelEvaluation;
import animerec.catalog.ModelCatalog;
import animerec.model.Recommender;
import animerec.model.content.ContentKind;
import animerec.model.content.FeatureStore;
import animerec.model.content.ItemFeatures;
import animerec.model.content.ItemNeighbours;
import animerec.split.SplitData;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"The whole job in one resumable command (config section `pipeline`, see conf/pipeline.yaml):",
            "data -> split -> features -> train (each model) -> hybrids -> report. Each step is keyed by a fingerprint",
            "of its inputs and settings: an unchanged step that finished is skipped, so a failed run is resumed by",
            "running it again. One JSON line per step. A lock on the pipeline root refuses a second concurrent run."})
final class PipelineCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--resume", description = "continue after a failure (the same as a plain run: finished steps are skipped)")
    boolean resume;

    @Option(names = "--from", paramLabel = "STEP", description = "run STEP and everything after it again, even if unchanged")
    String from;

    @Option(names = "--only", paramLabel = "STEP", description = "consider only STEP, skipped when unchanged as in a full run "
            + "(its inputs must have run); with --from STEP it runs again. One scheduler task per step uses this.")
    String only;

    @Option(names = "--root", paramLabel = "DIR", description = "pipeline root: step outputs, state.json, report.json and "
            + "the lock; local, file:, hdfs: or s3a: (default: pipeline.root)")
    String root;

    /** One step: its name, what it depends on, and its settings (all part of its fingerprint). */
    private record Step(String name, List<String> after, JsonNode settings) {
    }

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        AnimerecConfig config = common.config();
        AnimerecConfig.Pipeline p = config.pipeline;
        if (root != null) {
            p.root = root;
        }
        List<Step> steps = plan(config);
        List<String> names = steps.stream().map(Step::name).toList();
        for (String s : new String[] {from, only}) {
            if (s != null && !names.contains(s)) {
                throw new UserError("no step '" + s + "' (steps: " + String.join(", ", names) + ")");
            }
        }
        // the root's files go through Hadoop's file systems, configured as Spark would (spark.hadoop.* settings),
        // without starting Spark: a run that skips every step is quick
        Configuration files = common.hadoopConfiguration();
        String stateFile = HadoopFiles.child(p.root, "state.json");
        try (RootLock lock = RootLock.claim(files, p.root)) {
            SparkSession[] session = new SparkSession[1]; // started by the first step that runs
            ObjectNode state = HadoopFiles.exists(files, stateFile)
                    ? (ObjectNode) Json.MAPPER.readTree(HadoopFiles.readString(files, stateFile)) : Json.object();
            ObjectNode done = state.has("steps") ? (ObjectNode) state.get("steps") : state.putObject("steps");
            Map<String, String> fingerprints = new LinkedHashMap<>();
            boolean forcing = false;
            boolean failed = false;
            for (Step step : steps) {
                forcing |= step.name().equals(from);
                String fp = fingerprint(step, fingerprints);
                fingerprints.put(step.name(), fp);
                JsonNode previous = done.get(step.name());
                boolean unchanged = previous != null && fp.equals(previous.path("fingerprint").asText())
                        && "done".equals(previous.path("status").asText()) && outputsExist(files, previous.path("outputs"), config);
                if (only != null && !only.equals(step.name())) {
                    if (!unchanged && inputsOf(only, steps).contains(step.name())) {
                        throw new UserError("--only " + only + ": its input step '" + step.name()
                                + "' has not run with these settings yet");
                    }
                    continue;
                }
                if (unchanged && !forcing) {
                    log(step.name(), "skipped", 0, previous.path("outputs"));
                    continue;
                }
                long s0 = System.nanoTime();
                ObjectNode record = Json.object();
                record.put("fingerprint", fp);
                try {
                    if (session[0] == null) {
                        session[0] = common.spark("animerec pipeline");
                    }
                    ObjectNode outputs = run(step, fp, session[0], config, files);
                    record.put("status", "done");
                    record.set("outputs", outputs);
                } catch (Exception e) {
                    record.put("status", "failed");
                    record.put("error", e.getMessage());
                    failed = true;
                }
                double seconds = (System.nanoTime() - s0) / 1e9;
                record.put("seconds", seconds);
                done.set(step.name(), record);
                HadoopFiles.writeStringAtomically(files, stateFile, Json.write(state));
                log(step.name(), record.path("status").asText(), seconds, record.path("outputs"));
                if (failed) {
                    throw new UserError("pipeline step " + step.name() + " failed: " + record.path("error").asText()
                            + " (fix it and run again, or with --resume: finished steps are skipped)");
                }
            }
            System.out.printf("pipeline finished in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            return 0;
        }
    }

    /** The steps in order; train and hybrid steps depend on the split (and hybrids on nothing else). */
    private static List<Step> plan(AnimerecConfig c) {
        AnimerecConfig.Pipeline p = c.pipeline;
        List<Step> steps = new ArrayList<>();
        ObjectNode data = Json.object();
        data.put("seed", c.seed);
        data.set("source", Json.MAPPER.valueToTree(p.data.ingest != null ? p.data.ingest : p.data.generate));
        data.put("kind", p.data.ingest != null ? "ingest" : "generate");
        steps.add(new Step("data", List.of(), data));
        ObjectNode split = Json.object();
        split.put("seed", c.seed);
        split.set("split", Json.MAPPER.valueToTree(c.split));
        steps.add(new Step("split", List.of("data"), split));
        if (!p.features.isEmpty()) {
            p.features.forEach(ContentKind::parse); // validates the names now
            ObjectNode f = Json.object();
            f.set("kinds", Json.MAPPER.valueToTree(p.features));
            f.set("params", Json.MAPPER.valueToTree(c.models));
            steps.add(new Step("features", List.of("data"), f));
        }
        List<String> report = new ArrayList<>();
        for (String model : concat(p.train, p.hybrids)) {
            ModelCatalog.get(model); // validates the name now
            ObjectNode t = Json.object();
            t.put("model", model);
            t.put("seed", c.seed);
            t.set("params", Json.MAPPER.valueToTree(c.models.getOrDefault(model, Map.of())));
            t.set("evaluation", Json.MAPPER.valueToTree(c.evaluation));
            steps.add(new Step("train:" + model, List.of("split"), t));
            report.add("train:" + model);
        }
        java.util.Set<String> tuned = new java.util.HashSet<>();
        for (AnimerecConfig.Tune tune : p.tune) {
            if (tune.model == null || !tuned.add(tune.model)) {
                throw new UserError("pipeline.tune: each entry needs a model, once (got " + tune.model + ")");
            }
            ModelCatalog.get(tune.model);
            if (c.split.validationRatio <= 0) {
                throw new UserError("pipeline.tune: studies score a validation carve-out of train; set split.validation_ratio "
                        + "(for example 0.2)");
            }
            if (tune.trials < 1) {
                throw new UserError("pipeline.tune." + tune.model + ".trials must be at least 1, got " + tune.trials);
            }
            TuneCommand.studyDir(c.paths.experiments, tune.model); // refuses a non-local experiments path before any step runs
            String space = TuneCommand.spaceFile(tune.model, tune.space).toString();
            ObjectNode t = Json.object();
            t.put("seed", c.seed);
            t.set("tune", Json.MAPPER.valueToTree(tune));
            t.put("space", space);
            try { // the search space's content is part of the step's fingerprint
                t.put("space_sha256", Fingerprints.sha256(java.nio.file.Files.readString(java.nio.file.Path.of(space))));
            } catch (IOException e) {
                throw new UserError("pipeline.tune." + tune.model + ": cannot read the search space " + space + ": " + e.getMessage());
            }
            t.set("evaluation", Json.MAPPER.valueToTree(c.evaluation));
            steps.add(new Step("tune:" + tune.model, List.of("split"), t));
            report.add("tune:" + tune.model);
        }
        steps.add(new Step("report", report, Json.object()));
        return steps;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private ObjectNode run(Step step, String stepFingerprint, SparkSession spark, AnimerecConfig c, Configuration files)
            throws Exception {
        AnimerecConfig.Pipeline p = c.pipeline;
        String dataDir = HadoopFiles.child(p.root, "data");
        String splitDir = HadoopFiles.child(p.root, "split");
        ObjectNode out = Json.object();
        switch (step.name()) {
            case "data" -> {
                if (p.data.ingest != null) {
                    IngestCommand ingest = new IngestCommand();
                    ingest.common = common;
                    ingest.format = p.data.ingest.format;
                    ingest.input = p.data.ingest.input;
                    ingest.out = dataDir;
                    ingest.call();
                } else {
                    AnimerecConfig.Generate g = p.data.generate;
                    SampleSpec d = SampleSpec.defaults();
                    SampleDatasetWriter.write(spark, new SampleSpec(g.users, g.items, g.interactions, c.seed, d.unratedShare(),
                            d.factors()), dataDir);
                }
                out.put("data", dataDir);
                out.put("interactions", Datasets.readInteractions(spark, dataDir, animerec.data.ColumnMapping.identity()).count());
            }
            case "split" -> {
                SplitData split = SplitCommand.SplitJob.run(spark, common, dataDir, null, null, null, null, null, splitDir);
                out.put("split", splitDir).put("split_id", split.splitId());
            }
            case "features" -> {
                Dataset<Row> items = Datasets.readItemsOrNull(spark, dataDir);
                if (items == null) {
                    throw new UserError(dataDir + ": no items table, so no content features");
                }
                String fingerprint = Fingerprints.of(items);
                for (String k : p.features) {
                    ContentKind kind = ContentKind.parse(k);
                    ItemFeatures.Built built = ItemFeatures.build(items, kind, FeaturesCommand.paramsFor(common, kind, null), c.seed);
                    FeatureStore.write(spark, dataDir, kind, built, ItemNeighbours.all(built.vectors(), 20, 256L << 20), 20, fingerprint);
                    out.put(kind.label(), FeatureStore.dir(dataDir, kind));
                }
            }
            case "report" -> {
                List<Leaderboard.Entry> board = new ArrayList<>();
                ObjectNode models = out.putObject("models");
                String stateFile = HadoopFiles.child(p.root, "state.json");
                try {
                    JsonNode state = Json.MAPPER.readTree(HadoopFiles.readString(files, stateFile)).path("steps");
                    ObjectNode studies = out.putObject("studies");
                    for (String dep : step.after()) {
                        JsonNode o = state.path(dep).path("outputs");
                        if (dep.startsWith("tune:")) {
                            studies.set(dep.substring("tune:".length()), o);
                            continue;
                        }
                        LinkedHashMap<String, Double> metrics = new LinkedHashMap<>();
                        o.path("metrics").fields().forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
                        board.add(new Leaderboard.Entry(o.path("model").asText() + " " + o.path("version").asText(), metrics,
                                o.path("fit_seconds").asDouble()));
                        models.set(o.path("model").asText(), o);
                    }
                } catch (IOException e) {
                    throw new UserError(stateFile + ": " + e.getMessage(), e);
                }
                String table = Leaderboard.format(board, c.headlineK());
                System.out.print(table);
                String report = HadoopFiles.child(p.root, "report.json");
                HadoopFiles.writeStringAtomically(files, report, Json.write(out));
                out.removeAll();
                out.put("report", report);
            }
            default -> {
                if (step.name().startsWith("tune:")) {
                    return tune(step, stepFingerprint, c, splitDir);
                }
                String model = step.settings().path("model").asText();
                Recommender family = ModelCatalog.get(model);
                SplitData split = SplitData.load(spark, splitDir);
                ModelEvaluation.Settings settings = common.evaluation(null);
                Experiment.Outcome o = Experiment.run(family, TrainCommand.paramsFor(common, family, Map.of()), split, splitDir,
                        c.seed, settings, common.registry(spark), common.experimentLog(spark), common.configJson());
                out.put("model", model).put("version", o.version()).put("fit_seconds", o.fitSeconds());
                out.set("metrics", Json.MAPPER.valueToTree(o.metrics()));
            }
        }
        return out;
    }

    /**
     * A tuning study on the pipeline's split, as `animerec tune` runs it. The study is named after the model and the
     * step's fingerprint, and always resumed: a killed run continues the study, new settings start a new one.
     */
    private ObjectNode tune(Step step, String fingerprint, AnimerecConfig c, String splitDir) throws Exception {
        AnimerecConfig.Tune t = Json.MAPPER.treeToValue(step.settings().path("tune"), AnimerecConfig.Tune.class);
        TuneCommand tune = new TuneCommand();
        tune.common = common;
        tune.model = t.model;
        tune.study = "pipeline-" + t.model + "-" + fingerprint;
        tune.split = splitDir;
        tune.trials = t.trials;
        tune.sampler = t.sampler;
        tune.pruner = t.pruner;
        tune.space = step.settings().path("space").asText();
        tune.k = c.headlineK();
        tune.resume = true;
        tune.call();
        String dir = TuneCommand.studyDir(c.paths.experiments, tune.study).toString();
        JsonNode study = Json.MAPPER.readTree(java.nio.file.Path.of(dir, "study.json").toFile());
        ObjectNode out = Json.object();
        out.put("study", dir).put("best_params", java.nio.file.Path.of(dir, "best_params.yaml").toString());
        out.put("finished", study.path("finished").asInt());
        out.set("best", study.path("best"));
        return out;
    }

    /** The steps {@code name} depends on, directly or not. */
    private static java.util.Set<String> inputsOf(String name, List<Step> steps) {
        java.util.Set<String> out = new java.util.HashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(name));
        while (!todo.isEmpty()) {
            String n = todo.pop();
            for (Step s : steps) {
                if (s.name().equals(n)) {
                    for (String a : s.after()) {
                        if (out.add(a)) {
                            todo.push(a);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Whether what a finished step wrote is still there (paths, and registered model versions). */
    private static boolean outputsExist(Configuration files, JsonNode outputs, AnimerecConfig c) {
        for (String key : List.of("data", "split", "report", "study")) {
            if (outputs.hasNonNull(key) && !HadoopFiles.exists(files, outputs.path(key).asText())) {
                return false;
            }
        }
        if (outputs.hasNonNull("model") && outputs.hasNonNull("version")) {
            String models = HadoopFiles.child(c.paths.artifacts, "models");
            return HadoopFiles.exists(files, HadoopFiles.child(HadoopFiles.child(models, outputs.path("model").asText()),
                    outputs.path("version").asText()));
        }
        return true;
    }

    /** sha-256 of the step's settings and its inputs' fingerprints, 16 hex digits. */
    private static String fingerprint(Step step, Map<String, String> upstream) {
        ObjectNode key = Json.object();
        key.put("step", step.name());
        key.set("settings", step.settings());
        ObjectNode inputs = key.putObject("inputs");
        for (String a : step.after()) {
            inputs.put(a, upstream.get(a));
        }
        return Fingerprints.sha256(Json.compact(key)).substring(0, 16);
    }

    private static void log(String step, String status, double seconds, JsonNode outputs) throws IOException {
        ObjectNode line = Json.object();
        line.put("step", step).put("status", status).put("seconds", Math.round(seconds * 1000) / 1000.0);
        ObjectNode shown = outputs == null || !outputs.isObject() ? Json.object() : ((ObjectNode) outputs).deepCopy();
        if (shown.has("metrics")) { // the state keeps every metric; the log line the headline ones
            ObjectNode m = Json.object();
            shown.path("metrics").fields().forEachRemaining(e -> {
                if (e.getKey().startsWith("ndcg@") || e.getKey().startsWith("map@") || e.getKey().equals("rmse")) {
                    m.set(e.getKey(), e.getValue());
                }
            });
            shown.set("metrics", m);
        }
        line.set("outputs", shown);
        System.out.println(Json.compact(line));
    }
}
