package animerec.cli;

import animerec.cli.options.CommonOptions;
import animerec.app.MetricsRequest;
import animerec.app.MetricsService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Evaluate recommendations from any system against held-out truth.",
            "--recs: CSV/TSV user_id,item_id,rank (or a score column to sort by);",
            "--truth: CSV/TSV user_id,item_id[,relevance]. Definitions follow Spark's RankingMetrics."})
final class MetricsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--recs", required = true, paramLabel = "FILE") String recs;

    @Option(names = "--truth", required = true, paramLabel = "FILE") String truth;

    @Option(names = "--k", split = ",", description = "cut-offs (default: 1,5,10)")
    int[] ks = {1, 5, 10};

    @Option(names = "--users", description = "truth (users with a relevant item; default) or union (also users with "
            + "recommendations but nothing relevant, as zeros: Spark's convention)")
    String users = "truth";

    @Option(names = "--catalog-size", description = "number of candidate items, to report coverage@K")
    long catalogSize;

    @Option(names = "--json", paramLabel = "OUT", description = "write the metrics as JSON")
    String json;

    @Override
    public Integer call() {
        MetricsService.run(common.context(), MetricsRequest.of(common.context(), recs, truth, ks, users, catalogSize, json));
        return 0;
    }
}
