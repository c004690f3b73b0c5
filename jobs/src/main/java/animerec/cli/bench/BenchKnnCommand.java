package animerec.cli.bench;

import animerec.cli.options.CommonOptions;
import animerec.bench.KnnBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench-knn", mixinStandardHelpOptions = true,
        description = {"Benchmark how the neighbourhood models scale on the generated sample.",
            "For each size, fits knn (user-based, MSD) and item-knn on a 75% split, then predicts a sample of the test "
                + "ratings (knn) or the top-10 of every user (item-knn). Reports seconds, the number of pair updates "
                + "(Σ over inverted lists of n(n−1)/2, lists capped at max_list) and the JVM's peak heap. Writes a JSON "
                + "of the measurements."})
public final class BenchKnnCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--interactions", split = ",", description = "sizes (default: 1000000,5000000)")
    long[] sizes = {1_000_000L, 5_000_000L};

    @Option(names = "--users-per-interaction", description = "users = interactions × this (default: ${DEFAULT-VALUE})")
    double usersShare = 0.02;

    @Option(names = "--items-per-interaction", description = "items = interactions × this (default: ${DEFAULT-VALUE})")
    double itemsShare = 0.005;

    @Option(names = "--predict-sample", description = "test ratings predicted by knn (default: ${DEFAULT-VALUE})")
    int predictSample = 20_000;

    @Option(names = "--out", paramLabel = "FILE", description = "results JSON (default: ${DEFAULT-VALUE})")
    String out = "results/bench-knn.json";

    @Override
    public Integer call() {
        new KnnBenchmark(sizes, usersShare, itemsShare, predictSample, out).run(common.context());
        return 0;
    }
}
