package animerec.cli.bench;

import animerec.cli.options.CommonOptions;
import animerec.bench.Ml100kBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench-ml100k", mixinStandardHelpOptions = true,
        description = {"Benchmark every model on the fixed MovieLens 100K split (SHARED/ml-100k-split).",
            "Each model with its default parameters, the split imported as a given split, at K=10, relevance = every "
                + "test rating, candidates = train items minus the user's own. Writes a JSON of metrics per model."})
public final class BenchMl100kCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    BenchOptions options;

    @Option(names = "--validation", description = "fit on a seeded 80% of train and score the other 20% of train "
            + "(the validation carve-out, for choosing settings); the test file is not read for metrics")
    boolean validation;

    @Override
    public Integer call() throws Exception {
        new Ml100kBenchmark(options.shared(), options.models(null), options.work(), options.out(), validation).run(common.context());
        return 0;
    }
}
