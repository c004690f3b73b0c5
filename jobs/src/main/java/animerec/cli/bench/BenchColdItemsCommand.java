package animerec.cli.bench;

import animerec.cli.options.CommonOptions;
import animerec.bench.ColdItemsBenchmark;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench-cold-items", mixinStandardHelpOptions = true,
        description = {"Benchmark item cold start on MovieLens 100K (SHARED/ml-100k).",
            "A seeded share of the movies is held out with all their ratings (split strategy cold-items); models fit "
                + "on the rest and rank, for every user who rated a held-out movie, the held-out movies only. NDCG@10 "
                + "and friends against a seeded random order. Writes a JSON of metrics per model."})
public final class BenchColdItemsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    /** The models run when --models is not given. */
    static final List<String> MODELS = List.of("warp:item_features=genres", "bpr:item_features=genres", "warp", "popularity");

    @Mixin
    BenchOptions options;

    @Option(names = "--ratio", description = "share of the items held out (default: ${DEFAULT-VALUE})")
    double ratio = 0.1;

    @Override
    public Integer call() throws Exception {
        new ColdItemsBenchmark(options.models(MODELS), options.shared(), ratio, options.work(), options.out()).run(common.context());
        return 0;
    }
}
