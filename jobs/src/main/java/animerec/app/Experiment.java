package animerec.app;

import animerec.artifact.ModelRegistry;
import animerec.artifact.Provenance;
import animerec.eval.ModelEvaluation;
import animerec.model.ParamMap;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.split.SplitData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One experiment: fit a model family on a split's train set, register the model (when a registry is
 * given), evaluate it on the test set, and record the metrics in the registry and the experiment log.
 */
public final class Experiment {
    private Experiment() {
    }

    /**
     * What an experiment produced. {@code entry} is null without a registry; {@code kept} (the evaluation with its
     * cached lists and diagnostics: the caller releases it) only when asked for.
     */
    public record Outcome(String name, String version, RecommenderModel model, LinkedHashMap<String, Double> metrics,
                          double fitSeconds, ObjectNode entry, ModelEvaluation.Result kept) {
        /** The candidate-filtered top-K the metrics came from, when kept (else null). */
        public Dataset<Row> recommendations() {
            return kept == null ? null : kept.recommendations();
        }

        /** Frees the kept lists (nothing when none were kept). */
        public void release() {
            if (kept != null) {
                kept.release();
            }
        }
    }

    /**
     * @param splitPath where the split lives (recorded so that `recommend` can exclude seen items later)
     * @param registry  may be null (nothing saved)
     * @param log       may be null (no experiment record)
     * @param config    the job configuration, recorded with the model (may be null)
     */
    public static Outcome run(Recommender family, ParamMap params, SplitData split, String splitPath, long seed,
                              ModelEvaluation.Settings settings, ModelRegistry registry, ExperimentLog log,
                              JsonNode config) {
        return run(family, params, split, splitPath, seed, settings, registry, log, config, false);
    }

    /** As above; with {@code keepRecommendations}, the outcome carries the evaluated top-K lists. */
    public static Outcome run(Recommender family, ParamMap params, SplitData split, String splitPath, long seed,
                              ModelEvaluation.Settings settings, ModelRegistry registry, ExperimentLog log,
                              JsonNode config, boolean keepRecommendations) {
        long t0 = System.nanoTime();
        RecommenderModel model = family.fit(split.trainingData(), params, seed);
        double fitSeconds = (System.nanoTime() - t0) / 1e9;
        String version = "unsaved";
        ObjectNode entry = null;
        if (registry != null) {
            Provenance provenance = new Provenance(seed, split.manifest().path("train_fingerprint").asText(),
                    splitPath == null ? null : splitPath + "/train", split.splitId(), config, fitSeconds);
            entry = registry.register(family.name(), family.name(), params, provenance, model::save);
            version = entry.path("version").asText();
        }
        ModelEvaluation.Result result = ModelEvaluation.run(model, split.train(), split.test(), settings);
        if (!keepRecommendations) {
            result.release();
        }
        LinkedHashMap<String, Double> metrics = result.metrics();
        if (registry != null) {
            registry.recordMetrics(family.name(), version, metrics);
        }
        if (log != null) {
            log.record(new ExperimentLog.Run(family.name(), version, params.hash(),
                    split.manifest().path("train_fingerprint").asText(), split.splitId(), settings.ks(), metrics,
                    fitSeconds, result.diagnosticsJson(),
                    animerec.model.Reporting.of(model)));
        }
        return new Outcome(family.name(), version, model, metrics, fitSeconds, entry,
                keepRecommendations ? result : null);
    }
}
