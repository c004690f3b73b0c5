package animerec.cli;

import animerec.cli.options.CommonOptions;
import animerec.app.MetricsRequest;
import animerec.app.MetricsService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Evaluate the top-K lists of any system against held-out truth, without Spark.",
            "Files are CSV, or TSV when the header line has a tab, with a header line (a folder: its part files).",
            "Definitions follow Spark's RankingMetrics (see the README's Metrics section)."})
final class MetricsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--recs", required = true, paramLabel = "FILE", description = "recommendations, columns "
            + "user_id,item_id,rank or user_id,item_id,score (item_id may be anime_id; a score ranks each user's items "
            + "highest first, ties by the lower item id); other columns are ignored")
    String recs;

    @Option(names = "--truth", required = true, paramLabel = "FILE", description = "held-out truth, columns "
            + "user_id,item_id[,relevance] (item_id may be anime_id; rows with relevance <= 0 are not relevant); other "
            + "columns are ignored. Ids are whole numbers from 0 to 2^63-1")
    String truth;

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
