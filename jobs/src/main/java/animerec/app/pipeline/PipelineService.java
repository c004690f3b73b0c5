package animerec.app.pipeline;

import animerec.app.AppContext;
import animerec.app.pipeline.PipelinePlan.Step;
import animerec.artifact.RootLock;
import animerec.config.AnimerecConfig;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * The whole job in one resumable run: each step is keyed by a fingerprint of its inputs and settings, and an unchanged
 * step that finished is skipped. State, report and lock live under the pipeline root.
 */
public final class PipelineService {
    private PipelineService() {
    }

    /** Runs the steps that changed (or all from {@code --from}), one JSON line per step. */
    public static void run(AppContext ctx, PipelineRequest request) throws Exception {
        long t0 = System.nanoTime();
        AnimerecConfig config = ctx.config();
        AnimerecConfig.Pipeline p = config.pipeline;
        List<Step> steps = request.steps();
        String from = request.from();
        String only = request.only();
        // the root's files go through Hadoop's file systems, configured as Spark would (spark.hadoop.* settings),
        // without starting Spark: a run that skips every step is quick
        Configuration files = ctx.hadoopConfiguration();
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
                String fp = PipelinePlan.fingerprint(step, fingerprints);
                fingerprints.put(step.name(), fp);
                JsonNode previous = done.get(step.name());
                boolean unchanged = previous != null && fp.equals(previous.path("fingerprint").asText())
                        && "done".equals(previous.path("status").asText()) && outputsExist(files, previous.path("outputs"), config);
                if (only != null && !only.equals(step.name())) {
                    if (!unchanged && PipelinePlan.inputsOf(only, steps).contains(step.name())) {
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
                animerec.util.Progress.line("pipeline: step %s ...", step.name());
                ObjectNode record = Json.object();
                record.put("fingerprint", fp);
                try {
                    if (session[0] == null) {
                        session[0] = ctx.spark("animerec pipeline");
                    }
                    ObjectNode outputs = PipelineSteps.run(ctx, step, fp, session[0], files);
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
        }
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
