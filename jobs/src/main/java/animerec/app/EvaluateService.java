package animerec.app;

import animerec.artifact.ModelRegistry;
import animerec.eval.ModelEvaluation;
import animerec.model.RecommenderModel;
import animerec.split.SplitData;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.SparkSession;

/** Evaluates a registered model on a split's test set and records the metrics in the registry and the experiment log. */
public final class EvaluateService {
    private EvaluateService() {
    }

    /** The leaderboard row of the evaluated version. */
    public static Leaderboard.Entry run(AppContext ctx, EvaluateRequest request) {
        SparkSession spark = ctx.spark("animerec evaluate");
        ModelRegistry registry = ctx.registry(spark);
        ObjectNode entry = registry.resolve(request.model());
        RecommenderModel m = registry.load(spark, request.model());
        SplitData data = SplitData.load(spark, request.split());
        ModelEvaluation.Settings settings = request.evaluation();
        ModelEvaluation.Result result = ModelEvaluation.run(m, data.train(), data.test(), settings);
        result.release();
        String name = entry.path("name").asText();
        String version = entry.path("version").asText();
        registry.recordMetrics(name, version, result.metrics());
        ctx.experimentLog(spark).record(new ExperimentLog.Run(name, version, entry.path("params_hash").asText(),
                data.manifest().path("train_fingerprint").asText(), data.splitId(), settings.ks(), result.metrics(),
                entry.path("fit_seconds").asDouble(), result.diagnosticsJson(),
                animerec.model.Reporting.of(m)));
        return new Leaderboard.Entry(name + " " + version, result.metrics(), entry.path("fit_seconds").asDouble());
    }
}
