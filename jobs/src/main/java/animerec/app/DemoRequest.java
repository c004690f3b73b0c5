package animerec.app;

import animerec.data.generate.SampleSpec;
import animerec.util.UserError;

/** The main job on the built-in sample: the sample's size and where its data goes. */
public record DemoRequest(String dataDir, SampleSpec spec) {
    public static DemoRequest of(AppContext ctx, String dataDir, int users, int items, long interactions) {
        SampleSpec spec = new SampleSpec(users, items, interactions, ctx.seed(), SampleSpec.defaults().unratedShare(),
                SampleSpec.defaults().factors());
        try {
            spec.validate();
        } catch (IllegalArgumentException e) {
            throw new UserError("demo: " + e.getMessage());
        }
        Inputs files = new Inputs(ctx);
        files.writableRoot(dataDir, "--data-dir");
        files.writableRoot(ctx.config().paths.artifacts, "--artifacts");
        files.writableRoot(ctx.config().paths.experiments, "--experiments");
        return new DemoRequest(dataDir, spec);
    }
}
