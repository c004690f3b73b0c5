package animerec.app;

import animerec.util.HadoopFiles;
import animerec.util.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The experiment record: one JSON file per evaluation under {@code DIR/metrics/<model>_<UTC timestamp>.json},
 * and one row per (evaluation, k) appended to {@code DIR/metrics/runs.csv}. Both are written atomically.
 */
public final class ExperimentLog {
    public static final List<String> CSV_COLUMNS = List.of("created", "model", "version", "params_hash",
            "data_fingerprint", "split_id", "k", "precision", "recall", "f1", "ndcg", "map", "hit_rate", "coverage",
            "mrr", "rmse", "mae", "users", "fit_seconds");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Configuration conf;
    private final String dir;

    public ExperimentLog(Configuration conf, String experimentsDir) {
        this.conf = conf;
        this.dir = HadoopFiles.child(experimentsDir, "metrics");
    }

    /**
     * One evaluated model. {@code diagnostics} (the evaluation's report data) and {@code modelReport} (what the fit
     * learned, e.g. a hybrid's weights) may be null.
     */
    public record Run(String model, String version, String paramsHash, String dataFingerprint, String splitId,
                      int[] ks, Map<String, Double> metrics, double fitSeconds, JsonNode diagnostics,
                      JsonNode modelReport) {
        /** Without diagnostics or a model report. */
        public Run(String model, String version, String paramsHash, String dataFingerprint, String splitId,
                   int[] ks, Map<String, Double> metrics, double fitSeconds) {
            this(model, version, paramsHash, dataFingerprint, splitId, ks, metrics, fitSeconds, null, null);
        }
    }

    /** Writes the JSON record and appends the CSV rows; returns the JSON file's path. */
    public String record(Run run) {
        Instant now = Instant.now();
        ObjectNode n = Json.object();
        n.put("model", run.model());
        n.put("version", run.version());
        n.put("params_hash", run.paramsHash());
        n.put("data_fingerprint", run.dataFingerprint());
        n.put("split_id", run.splitId());
        n.put("created", now.toString());
        n.put("fit_seconds", run.fitSeconds());
        ObjectNode m = n.putObject("metrics");
        run.metrics().forEach(m::put);
        if (run.modelReport() != null) {
            n.set("model_report", run.modelReport());
        }
        if (run.diagnostics() != null) {
            n.set("diagnostics", run.diagnostics());
        }
        String json = HadoopFiles.child(dir, run.model() + "_" + STAMP.format(now) + ".json");
        HadoopFiles.writeStringAtomically(conf, json, Json.write(n));

        String csvPath = HadoopFiles.child(dir, "runs.csv");
        StringBuilder csv = new StringBuilder(HadoopFiles.exists(conf, csvPath)
                ? HadoopFiles.readString(conf, csvPath)
                : String.join(",", CSV_COLUMNS) + "\n");
        for (int k : run.ks()) {
            csv.append(String.join(",", now.toString(), run.model(), run.version(), run.paramsHash(),
                    run.dataFingerprint(), run.splitId(), String.valueOf(k),
                    value(run, "precision@" + k), value(run, "recall@" + k), value(run, "f1@" + k),
                    value(run, "ndcg@" + k), value(run, "map@" + k), value(run, "hit_rate@" + k),
                    value(run, "coverage@" + k), value(run, "mrr"), value(run, "rmse"), value(run, "mae"),
                    value(run, "users"), String.valueOf(run.fitSeconds()))).append('\n');
        }
        HadoopFiles.writeStringAtomically(conf, csvPath, csv.toString());
        return json;
    }

    private static String value(Run run, String key) {
        Double v = run.metrics().get(key);
        return v == null ? "" : String.valueOf(v);
    }
}
