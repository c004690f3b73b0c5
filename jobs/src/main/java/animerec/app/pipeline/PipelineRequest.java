package animerec.app.pipeline;

import animerec.app.AppContext;
import animerec.app.Inputs;
import animerec.app.pipeline.PipelinePlan.Step;
import animerec.util.UserError;
import java.util.List;

/** A pipeline run: its planned steps, and the step to force from ({@code from}) or to run alone ({@code only}), each may be null. */
public record PipelineRequest(List<Step> steps, String from, String only) {
    /** Plans the steps from the config (pipeline.root: the command's --root when given) and checks the step names before Spark starts. */
    public static PipelineRequest of(AppContext ctx, String from, String only) {
        List<Step> steps = PipelinePlan.plan(ctx.config());
        List<String> names = steps.stream().map(Step::name).toList();
        for (String s : new String[] {from, only}) {
            if (s != null && !names.contains(s)) {
                throw new UserError("no step '" + s + "' (steps: " + String.join(", ", names) + ")");
            }
        }
        new Inputs(ctx).notAFile(ctx.config().pipeline.root, "--root");
        return new PipelineRequest(steps, from, only);
    }
}
