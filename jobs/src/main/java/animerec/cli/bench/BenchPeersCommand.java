package animerec.cli.bench;

import animerec.bench.PeersBenchmark;
import animerec.cli.options.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench-peers", mixinStandardHelpOptions = true,
        description = {"Benchmark our kernels against the single-machine peers (../shared/peers), side by side.",
            "Generates seeded rank-20 ratings once (also written as the peers' TSV), then times each family in "
                + "alternating pairs, ours then the peer, and reports each side's median and the median per-pair "
                + "ratio. Families so far: als against implicit, seconds per iteration at each rank. Writes a JSON."})
public final class BenchPeersCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    animerec.cli.options.SyntheticRatingsOptions size;

    @Option(names = "--pairs", description = "alternating ours/peer pairs per family (default: ${DEFAULT-VALUE})")
    int pairs = 3;

    @Option(names = "--ranks", split = ",", description = "als ranks (default: 20,64)")
    int[] ranks = {20, 64};

    @Option(names = "--iterations", description = "als iterations per timed fit (default: ${DEFAULT-VALUE})")
    int iterations = 5;

    @Option(names = "--peers", paramLabel = "DIR", description = "the peers bundle, with bin/peer-bench (default: ${DEFAULT-VALUE})")
    String peers = "../shared/peers";

    @Option(names = "--work", paramLabel = "DIR", description = "where the peers' TSV is kept between runs (default: ${DEFAULT-VALUE})")
    String work = "work/bench-peers";

    @Option(names = "--out", paramLabel = "FILE", description = "results JSON (default: ${DEFAULT-VALUE})")
    String out = "results/bench-peers.json";

    @Override
    public Integer call() throws Exception {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(work));
        new PeersBenchmark(size.users, size.items, size.ratings, pairs, ranks, iterations, peers, work, out)
                .run(common.spark("animerec bench-peers"), common.config().seed);
        return 0;
    }
}
