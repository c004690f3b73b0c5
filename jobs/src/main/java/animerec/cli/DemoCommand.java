package animerec.cli;

import animerec.cli.options.CommonOptions;
import animerec.cli.options.SampleOptions;
import animerec.app.DemoRequest;
import animerec.app.DemoService;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the main job on the built-in sample and print a leaderboard.",
            "Generates the sample data, splits it, trains popularity, als, item-knn, warp and hybrid-rrf (a blend of "
                + "those four; --all: every model, --models: the ones named), evaluates each at K=5,10,20 as it "
                + "finishes and prints the leaderboard. Writes DATA/sample, DATA/sample-split, the registry "
                + "(paths.artifacts) and the experiment records (paths.experiments)."})
final class DemoCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the sample goes (default: ${DEFAULT-VALUE})")
    String dataDir = "data";

    @Mixin
    SampleOptions sample;

    @Option(names = "--all", description = "train every model family (about 7 minutes on 2 cores) instead of the quick set")
    boolean all;

    @Option(names = "--models", split = ",", paramLabel = "NAME", description = "train these models (default parameters each)")
    List<String> models;

    @Override
    public Integer call() {
        DemoService.run(common.context(), DemoRequest.of(common.context(), dataDir, sample.spec(common.context().seed()), models, all));
        return 0;
    }
}
