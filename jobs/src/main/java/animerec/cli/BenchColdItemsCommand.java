package animerec.cli;

import animerec.bench.ColdItemsBenchmark;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench-cold-items", mixinStandardHelpOptions = true,
        description = {"Item cold start on MovieLens 100K (SHARED/ml-100k): a seeded share of the movies is held out with",
            "all their ratings (split strategy cold-items); models fit on the rest and rank, for every user who rated a",
            "held-out movie, the held-out movies only. NDCG@10 and friends against a seeded random order.",
            "Writes a JSON of metrics per model."})
final class BenchColdItemsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--shared", paramLabel = "DIR", description = "the shared data folder (default: ${DEFAULT-VALUE})")
    String shared = "../shared/data";

    @Option(names = "--models", split = ",", paramLabel = "NAME[:KEY=VALUE;...]",
            description = "models to run (default: ${DEFAULT-VALUE})")
    List<String> models = List.of("warp:item_features=genres", "bpr:item_features=genres", "warp", "popularity");

    @Option(names = "--ratio", description = "share of the items held out (default: ${DEFAULT-VALUE})")
    double ratio = 0.1;

    @Option(names = "--work", paramLabel = "DIR", description = "ingested data (default: ${DEFAULT-VALUE})")
    String work = "work/bench-cold-items";

    @Option(names = "--out", paramLabel = "FILE", description = "results JSON (default: ${DEFAULT-VALUE})")
    String out = "results/bench-cold-items.json";

    @Override
    public Integer call() throws Exception {
        new ColdItemsBenchmark(models, shared, ratio, work, out).run(common.context());
        return 0;
    }
}
