package animerec.app;

import animerec.eval.ModelEvaluation;
import org.apache.hadoop.conf.Configuration;

/** A registered model ({@code NAME[@VERSION]}) to evaluate on a split's test set. */
public record EvaluateRequest(String model, String split, ModelEvaluation.Settings evaluation) {
    public static EvaluateRequest of(AppContext ctx, String model, String split, int[] ks) {
        Inputs.positive(ks, "--k");
        Configuration conf = ctx.hadoopConfiguration();
        Inputs.folder(conf, split, "--split");
        Inputs.notAFile(conf, ctx.config().paths.artifacts, "--artifacts");
        Inputs.writableRoot(conf, ctx.config().paths.experiments, "--experiments");
        return new EvaluateRequest(model, split, ctx.evaluation(ks));
    }
}
