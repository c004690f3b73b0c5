package animerec.app;

import animerec.split.SplitData;
import org.apache.spark.sql.SparkSession;

/** Fits, registers and evaluates a model ({@link Experiment}) with the context's registry and experiment log. */
public final class TrainService {
    private TrainService() {
    }

    /** What a training run produced, and the split it ran on. */
    public record Trained(Experiment.Outcome outcome, String splitId) {
    }

    public static Trained run(AppContext ctx, TrainRequest request) {
        return run(ctx, request, ctx.spark("animerec train " + request.family().name()));
    }

    public static Trained run(AppContext ctx, TrainRequest request, SparkSession spark) {
        SplitData data = SplitData.load(spark, request.split());
        Experiment.Outcome o = Experiment.run(request.family(), request.params(), data, request.split(), ctx.seed(),
                request.evaluation(), ctx.registry(spark), ctx.experimentLog(spark), ctx.configJson());
        return new Trained(o, data.splitId());
    }
}
