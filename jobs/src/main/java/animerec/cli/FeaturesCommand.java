package animerec.cli;

import animerec.cli.options.CommonOptions;
import animerec.app.FeaturesRequest;
import animerec.app.FeaturesService;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Build item feature matrices from a dataset's items table.",
            "They are stored beside it (DIR/features/genre, tfidf, embedding: Parquet vectors, top-N neighbours per "
                + "item, manifest). Parameters come from models.<kind> in the config (the same ones the content "
                + "recommenders use)."})
final class FeaturesCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "dataset folder with an items table")
    String data;

    @Option(names = "--models", split = ",", description = "kinds to build: genre, tfidf, embedding (default: all)")
    List<String> kinds;

    @Option(names = "--neighbours", description = "item-to-item neighbours kept per item; 0 = none (default: ${DEFAULT-VALUE})")
    int neighbours = 20;

    @Option(names = "--embeddings", paramLabel = "FILE",
            description = "embedding: Parquet or CSV of anime_id, vector to use instead of training Word2Vec")
    String embeddings;

    @Option(names = "--broadcast-limit-mb",
            description = "neighbours: broadcast the item features when they fit in this many MB, else pair "
                    + "blocks with a cartesian product (default: ${DEFAULT-VALUE}; 0 = always pair blocks)")
    long broadcastLimitMb = 128;

    @Option(names = "--report", paramLabel = "FILE.json",
            description = "write seconds, sizes and the JVM's peak heap per kind to this JSON file")
    String report;

    @Override
    public Integer call() {
        FeaturesService.run(common.context(), FeaturesRequest.of(common.context(), data, kinds, neighbours, embeddings,
                broadcastLimitMb, report));
        return 0;
    }
}
