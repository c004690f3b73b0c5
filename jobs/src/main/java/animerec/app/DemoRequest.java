package animerec.app;

import animerec.data.generate.SampleSpec;
import animerec.util.UserError;
import org.apache.hadoop.conf.Configuration;

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
        Configuration conf = ctx.hadoopConfiguration();
        Inputs.writableRoot(conf, dataDir, "--data-dir");
        Inputs.writableRoot(conf, ctx.config().paths.artifacts, "--artifacts");
        Inputs.writableRoot(conf, ctx.config().paths.experiments, "--experiments");
        return new DemoRequest(dataDir, spec);
    }
}
