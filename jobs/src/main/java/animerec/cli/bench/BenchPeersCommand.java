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
                + "ratio: svd against LIBMF (seconds per epoch at each k, and test RMSE on a 90/10 split after the "
                + "same epochs), als against implicit (seconds per iteration at each rank), warp against LightFM "
                + "(seconds per epoch), top-10 for every user against implicit's batched recommend (seconds and "
                + "effective GFLOP/s at each rank), and ml-100k-split NDCG@10 of als and warp against the peers at the same "
                + "settings. Writes a JSON."})
public final class BenchPeersCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    animerec.cli.options.SyntheticRatingsOptions size;

    @Option(names = "--pairs", description = "alternating ours/peer pairs per family (default: ${DEFAULT-VALUE})")
    int pairs = 3;

    @Option(names = "--families", split = ",", description = "what to time, of svd,als,warp,topk (default: all)")
    java.util.List<String> families = PeersBenchmark.Families.ALL;

    @Option(names = "--ranks", split = ",", description = "als and top-K ranks (default: 20,64)")
    int[] ranks = {20, 64};

    @Option(names = "--iterations", description = "als iterations per timed fit (default: ${DEFAULT-VALUE})")
    int iterations = 5;

    @Option(names = "--svd-factors", split = ",", description = "svd k (default: 20,100)")
    int[] svdFactors = {20, 100};

    @Option(names = "--svd-epochs", description = "svd epochs (LIBMF iterations) per timed fit; LIBMF's time per "
            + "iteration is a difference of two runs that both parse the file, so fewer than about 20 leaves it in "
            + "the noise of parsing (default: ${DEFAULT-VALUE})")
    int svdEpochs = 20;

    @Option(names = "--quality-epochs", description = "svd and LIBMF epochs before the test RMSE (default: ${DEFAULT-VALUE})")
    int qualityEpochs = 20;

    @Option(names = "--warp-epochs", description = "warp and LightFM epochs per timed fit (default: ${DEFAULT-VALUE})")
    int warpEpochs = 3;

    @Option(names = "--ml100k-split", paramLabel = "DIR",
            description = "the fixed MovieLens split for the quality figures (default: ${DEFAULT-VALUE})")
    String ml100kSplit = "../shared/data/ml-100k-split";

    @Option(names = "--peers", paramLabel = "DIR", description = "the peers bundle, with bin/peer-bench (default: ${DEFAULT-VALUE})")
    String peers = "../shared/peers";

    @Option(names = "--work", paramLabel = "DIR", description = "where the peers' TSV is kept between runs (default: ${DEFAULT-VALUE})")
    String work = "work/bench-peers";

    @Option(names = "--out", paramLabel = "FILE", description = "results JSON (default: ${DEFAULT-VALUE})")
    String out = "results/bench-peers.json";

    @Override
    public Integer call() throws Exception {
        for (String f : families) {
            if (!PeersBenchmark.Families.ALL.contains(f)) {
                throw new animerec.util.UserError("--families: unknown family '" + f + "' (known: "
                        + String.join(", ", PeersBenchmark.Families.ALL) + ")");
            }
        }
        if (iterations < 2 || svdEpochs < 2 || warpEpochs < 2 || qualityEpochs < 1 || pairs < 1) {
            throw new animerec.util.UserError("--iterations, --svd-epochs and --warp-epochs must be at least 2 (the first "
                    + "is left out), "
                    + "--quality-epochs and --pairs at least 1");
        }
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(work));
        new PeersBenchmark(size.users, size.items, size.ratings, pairs, new PeersBenchmark.Families(families, ranks,
                iterations, svdFactors, svdEpochs, qualityEpochs, warpEpochs, ml100kSplit), peers, work, out)
                .run(common.spark("animerec bench-peers"), common.config().seed);
        return 0;
    }
}
