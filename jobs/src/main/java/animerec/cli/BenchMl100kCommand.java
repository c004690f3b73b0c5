package animerec.cli;

import animerec.bench.Ml100kBenchmark;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench-ml100k", mixinStandardHelpOptions = true,
        description = {"Benchmark every model (default parameters) on the fixed MovieLens 100K split",
            "(SHARED/ml-100k-split, imported as a given split) at K=10, relevance = every test rating,",
            "candidates = train items minus the user's own. Writes a JSON of metrics per model."})
final class BenchMl100kCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--shared", paramLabel = "DIR", description = "the shared data folder (default: ${DEFAULT-VALUE})")
    String shared = "../shared/data";

    @Option(names = "--models", split = ",", paramLabel = "NAME[:KEY=VALUE;...]",
            description = "models to run, each optionally with parameters, e.g. knn:sim=cosine (default: all, defaults)")
    List<String> models;

    @Option(names = "--work", paramLabel = "DIR", description = "split, registry and records (default: ${DEFAULT-VALUE})")
    String work = "work/bench-ml100k";

    @Option(names = "--out", paramLabel = "FILE", description = "results JSON (default: ${DEFAULT-VALUE})")
    String out = "results/bench-ml100k.json";

    @Option(names = "--validation", description = "fit on a seeded 80% of train and score the other 20% of train "
            + "(the validation carve-out, for choosing settings); the test file is not read for metrics")
    boolean validation;

    @Override
    public Integer call() throws Exception {
        new Ml100kBenchmark(shared, models, work, out, validation).run(common.context());
        return 0;
    }
}
