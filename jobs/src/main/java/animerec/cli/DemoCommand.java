package animerec.cli;

import animerec.cli.options.CommonOptions;
import animerec.app.DemoRequest;
import animerec.app.DemoService;
import animerec.data.generate.SampleSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The main job on the built-in sample: generate the sample data, split it, train every model,",
            "evaluate at K=5,10,20 and print the leaderboard. Writes DATA/sample, DATA/sample-split,",
            "the registry (paths.artifacts) and the experiment records (paths.experiments)."})
final class DemoCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the sample goes (default: ${DEFAULT-VALUE})")
    String dataDir = "data";

    @Option(names = "--users", description = "sample users (default: ${DEFAULT-VALUE})")
    int users = SampleSpec.defaults().users();

    @Option(names = "--items", description = "sample items (default: ${DEFAULT-VALUE})")
    int items = SampleSpec.defaults().items();

    @Option(names = "--interactions", description = "sample interactions (default: ${DEFAULT-VALUE})")
    long interactions = SampleSpec.defaults().interactions();

    @Override
    public Integer call() {
        DemoService.run(common.context(), DemoRequest.of(common.context(), dataDir, users, items, interactions));
        return 0;
    }
}
