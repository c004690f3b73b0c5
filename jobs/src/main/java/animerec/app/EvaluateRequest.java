package animerec.app;

import animerec.eval.ModelEvaluation;

/** A registered model ({@code NAME[@VERSION]}) to evaluate on a split's test set. */
public record EvaluateRequest(String model, String split, ModelEvaluation.Settings evaluation) {
    public static EvaluateRequest of(AppContext ctx, String model, String split, int[] ks) {
        Inputs.positive(ks, "--k");
        Inputs files = new Inputs(ctx);
        files.split(split, "--split");
        files.notAFile(ctx.config().paths.artifacts, "--artifacts");
        files.writableRoot(ctx.config().paths.experiments, "--experiments");
        return new EvaluateRequest(model, split, ctx.evaluation(ks));
    }
}
