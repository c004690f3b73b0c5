package animerec.cli;

import animerec.cli.options.CommonOptions;
import animerec.app.IngestRequest;
import animerec.app.IngestService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Convert raw files into the data contract (Parquet interactions, items, quarantine).",
            "movielens-100k: --input is a folder with u.data (and u.item).",
            "kaggle-anime: --input is a folder with rating.csv and/or anime.csv; rating -1 = watched, not rated.",
            "csv: --input is a delimited file; --columns maps contract columns to header names (with --header) or "
                + "to 0-based positions (without)."})
final class IngestCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--format", required = true, description = "movielens-100k, kaggle-anime or csv")
    String format;

    @Option(names = "--input", required = true, paramLabel = "PATH", description = "raw folder or file")
    String input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "dataset folder to write")
    String out;

    @Option(names = "--items", paramLabel = "FILE", description = "csv: item metadata file with a header")
    String items;

    @Option(names = "--sep", description = "csv: field separator; \\t for tab (default: ,)")
    String sep = ",";

    // defaultValue and fallbackValue "true": with a field initialised to true instead, picocli reads --header as false
    // and --no-header as true (IngestCommandTest)
    @Option(names = "--header", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "csv: the file has a header line (default: true; --no-header for a file without one)")
    boolean header;

    @Option(names = "--columns", split = ",", paramLabel = "NAME=FIELD",
            description = "csv: user_id=..,anime_id=..,rating=..[,timestamp=..] (default: the same names)")
    Map<String, String> columns = new LinkedHashMap<>();

    @Option(names = "--rating-min", description = "lowest valid rating (default: 1)")
    double ratingMin = 1;

    @Option(names = "--rating-max", description = "highest valid rating (default: 5 for movielens-100k, 10 otherwise)")
    Double ratingMax;

    @Option(names = "--unrated-marker", description = "rating value meaning watched-unrated (kaggle-anime: -1); an empty rating field always means it")
    Double unratedMarker;

    @Option(names = "--drop-unrated", description = "quarantine watched-unrated rows instead of keeping them as implicit")
    boolean dropUnrated;

    @Option(names = "--items-only", description = "kaggle-anime: ingest anime.csv only")
    boolean itemsOnly;

    @Override
    public Integer call() {
        IngestRequest request = IngestRequest.of(common.context(), format, input, out, items, sep, header, columns, ratingMin,
                ratingMax, unratedMarker, dropUnrated, itemsOnly);
        IngestService.run(common.spark("animerec ingest"), request);
        return 0;
    }
}
