package animerec.cli.bench;

import animerec.cli.options.CommonOptions;
import animerec.bench.ScaleBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench-scale", mixinStandardHelpOptions = true,
        description = {"Benchmark svd, ALS and warp at scale on synthetic rank-20 ratings.",
            "Times svd seconds and ratings/second per epoch at k = 8, 20, 100; Spark ALS seconds per iteration; top-K "
                + "for all users with the blocked scorer and with Spark's recommendForAllUsers on the same ALS factors; "
                + "warp seconds per epoch. Writes (merges into) a JSON."})
public final class BenchScaleCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    animerec.cli.options.SyntheticRatingsOptions size;

    @Option(names = "--epochs", description = "svd epochs timed per k (default: ${DEFAULT-VALUE})")
    int epochs = 5;

    @Option(names = "--factors", split = ",", description = "svd k values (default: 8,20,100)")
    int[] factors = {8, 20, 100};

    @Option(names = "--top-k", description = "list length for the top-K timing (default: ${DEFAULT-VALUE})")
    int topK = 10;

    @Option(names = "--parts", split = ",", description = "what to time: svd, als (with top-K), warp; default: svd,als,warp")
    java.util.List<String> parts = java.util.List.of("svd", "als", "warp");

    @Option(names = "--warp-epochs", description = "warp epochs timed (default: ${DEFAULT-VALUE})")
    int warpEpochs = 3;

    @Option(names = "--out", paramLabel = "FILE", description = "results JSON, merged into when it exists (default: ${DEFAULT-VALUE})")
    String out = "results/bench-scale.json";

    @Override
    public Integer call() {
        new ScaleBenchmark(size.users, size.items, size.ratings, epochs, factors, topK, parts, warpEpochs, out)
                .run(common.spark("animerec bench-scale"), common.config().seed);
        return 0;
    }
}
