package animerec.app;

import animerec.eval.ModelEvaluation;
import animerec.catalog.ModelCatalog;
import animerec.model.ParamMap;
import animerec.model.Recommender;
import java.util.Map;

/** A model to fit on a split's train set, register and evaluate on its test set. */
public record TrainRequest(Recommender family, ParamMap params, String split, ModelEvaluation.Settings evaluation) {
    /** Checks the cut-offs, the model and its parameters, the split folder and the output roots before Spark starts. */
    public static TrainRequest of(AppContext ctx, String model, Map<String, String> params, String split, int[] ks) {
        Inputs.positive(ks, "--k");
        Recommender family = ModelCatalog.get(model);
        ParamMap paramMap = ModelParams.of(ctx.config(), family, params);
        Inputs files = new Inputs(ctx);
        files.split(split, "--split");
        files.writableRoot(ctx.config().paths.artifacts, "--artifacts");
        files.writableRoot(ctx.config().paths.experiments, "--experiments");
        return new TrainRequest(family, paramMap, split, ctx.evaluation(ks));
    }

    /** The family with the config's parameters, on a split that a pipeline step before wrote. */
    public static TrainRequest ofConfig(AppContext ctx, String model, String split) {
        Recommender family = ModelCatalog.get(model);
        return new TrainRequest(family, ModelParams.of(ctx.config(), family, Map.of()), split, ctx.evaluation(null));
    }
}
