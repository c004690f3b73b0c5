package animerec.cli;

import animerec.cli.options.CommonOptions;
import animerec.app.SimilarRequest;
import animerec.app.SimilarService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "similar", mixinStandardHelpOptions = true,
        description = {"Print the items most similar to one item.",
            "Cosine over genre, tfidf or embedding features; each item with its name and the genres it shares with "
                + "the seed. Uses DIR/features/<model> when it is up to date with the items table (see `animerec "
                + "features`), and builds the features in memory otherwise."})
final class SimilarCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "dataset folder with an items table")
    String data;

    @Option(names = "--model", required = true, description = "genre, tfidf or embedding")
    String model;

    @Option(names = "--item", required = true, paramLabel = "ID", description = "the seed item's anime_id")
    long item;

    @Option(names = "--k", description = "number of neighbours (default: ${DEFAULT-VALUE})")
    int k = 10;

    @Option(names = "--diversity", paramLabel = "D", description = {"0..1: how strongly sequels and side stories of the "
            + "seed and of listed items are moved down (franchise MMR over the top 5k; 0 = plain similarity; above 0.5 "
            + "they come after every other candidate; default: ${DEFAULT-VALUE})"})
    double diversity = 0.3;

    @Override
    public Integer call() {
        SimilarService.run(common.context(), SimilarRequest.of(common.context(), data, model, item, k, diversity));
        return 0;
    }
}
