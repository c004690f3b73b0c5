package animerec.app.pipeline;

import animerec.app.AppContext;
import animerec.app.Experiment;
import animerec.app.IngestRequest;
import animerec.app.IngestService;
import animerec.app.Leaderboard;
import animerec.app.ReportService;
import animerec.app.ModelParams;
import animerec.app.TrainRequest;
import animerec.app.TrainService;
import animerec.app.TuneRequest;
import animerec.app.TuneService;
import animerec.app.pipeline.PipelinePlan.Step;
import animerec.config.AnimerecConfig;
import animerec.data.Datasets;
import animerec.data.Fingerprints;
import animerec.data.generate.SampleDatasetWriter;
import animerec.data.generate.SampleSpec;
import animerec.model.content.ContentKind;
import animerec.model.content.FeatureStore;
import animerec.model.content.ItemFeatures;
import animerec.model.content.ItemNeighbours;
import animerec.split.SplitData;
import animerec.split.SplitJob;
import animerec.split.SplitSettings;
import animerec.tune.StudyFiles;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What each pipeline step does: data, split, features, train (a model or a hybrid), tune, report. */
final class PipelineSteps {
    private PipelineSteps() {
    }

    /** Runs one step and returns its outputs (recorded in the state). */
    static ObjectNode run(AppContext ctx, Step step, String stepFingerprint, SparkSession spark, Configuration files)
            throws Exception {
        AnimerecConfig c = ctx.config();
        AnimerecConfig.Pipeline p = c.pipeline;
        String dataDir = HadoopFiles.child(p.root, "data");
        String splitDir = HadoopFiles.child(p.root, "split");
        ObjectNode out = Json.object();
        switch (step.name()) {
            case "data" -> {
                if (p.data.ingest != null) {
                    IngestService.run(spark, IngestRequest.of(ctx, p.data.ingest.format, p.data.ingest.input, dataDir));
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
                SplitData split = SplitJob.run(spark, SplitSettings.of(c), SplitJob.Source.dataset(dataDir), splitDir);
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
                    ItemFeatures.Built built = ItemFeatures.build(items, kind, ModelParams.features(c, kind, null), c.seed);
                    FeatureStore.write(spark, dataDir, kind, built, p.neighbours == 0 ? null
                            : ItemNeighbours.all(built.vectors(), p.neighbours, 256L << 20), p.neighbours, fingerprint);
                    out.put(kind.label(), FeatureStore.dir(dataDir, kind));
                }
            }
            case "report" -> {
                List<Leaderboard.Entry> board = new ArrayList<>();
                ObjectNode models = out.putObject("models");
                java.util.Set<String> versions = new java.util.LinkedHashSet<>();
                List<String> studyDirs = new ArrayList<>();
                String stateFile = HadoopFiles.child(p.root, "state.json");
                try {
                    JsonNode state = Json.MAPPER.readTree(HadoopFiles.readString(files, stateFile)).path("steps");
                    ObjectNode studies = out.putObject("studies");
                    for (String dep : step.after()) {
                        JsonNode o = state.path(dep).path("outputs");
                        if (dep.startsWith("tune:")) {
                            studies.set(dep.substring("tune:".length()), o);
                            studyDirs.add(o.path("study").asText());
                            continue;
                        }
                        LinkedHashMap<String, Double> metrics = new LinkedHashMap<>();
                        o.path("metrics").fields().forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
                        board.add(new Leaderboard.Entry(o.path("model").asText() + " " + o.path("version").asText(), metrics,
                                o.path("fit_seconds").asDouble()));
                        models.set(o.path("model").asText(), o);
                        versions.add(o.path("model").asText() + "@" + o.path("version").asText());
                    }
                } catch (IOException e) {
                    throw new UserError(stateFile + ": " + e.getMessage(), e);
                }
                String table = Leaderboard.format(board, c.headlineK());
                System.out.print(table);
                String report = HadoopFiles.child(p.root, "report.json");
                HadoopFiles.writeStringAtomically(files, report, Json.write(out));
                String html = HadoopFiles.child(p.root, "report.html");
                ReportService.run(ctx, ReportService.forPipeline(ctx, html, studyDirs, splitDir, versions));
                out.removeAll();
                out.put("report", report);
                out.put("report_html", html);
            }
            default -> {
                if (step.name().startsWith("tune:")) {
                    return tune(ctx, step, stepFingerprint, splitDir);
                }
                String model = step.settings().path("model").asText();
                Experiment.Outcome o = TrainService.run(ctx, TrainRequest.ofConfig(ctx, model, splitDir), spark).outcome();
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
    private static ObjectNode tune(AppContext ctx, Step step, String fingerprint, String splitDir) throws Exception {
        AnimerecConfig c = ctx.config();
        AnimerecConfig.Tune t = Json.MAPPER.treeToValue(step.settings().path("tune"), AnimerecConfig.Tune.class);
        TuneRequest.Options tune = new TuneRequest.Options();
        tune.model = t.model;
        tune.study = "pipeline-" + t.model + "-" + fingerprint;
        tune.split = splitDir;
        tune.trials = t.trials;
        tune.sampler = t.sampler;
        tune.pruner = t.pruner;
        tune.space = step.settings().path("space").asText();
        tune.k = c.headlineK();
        tune.resume = true;
        TuneService.run(ctx, TuneRequest.of(ctx, tune));
        String dir = StudyFiles.studyDir(c.paths.experiments, tune.study).toString();
        JsonNode study = Json.MAPPER.readTree(java.nio.file.Path.of(dir, "study.json").toFile());
        ObjectNode out = Json.object();
        out.put("study", dir).put("best_params", java.nio.file.Path.of(dir, "best_params.yaml").toString());
        out.put("finished", study.path("finished").asInt());
        out.set("best", study.path("best"));
        return out;
    }
}
