package animerec.cli;

import animerec.data.Columns;
import animerec.data.ingest.Ingest;
import animerec.data.ingest.InteractionLineParser;
import animerec.data.ingest.ItemLineParser;
import animerec.data.ingest.RatingRules;
import animerec.util.HadoopFiles;
import animerec.util.UserError;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Convert raw files into the data contract (Parquet interactions, items, quarantine).",
            "  movielens-100k: --input is a folder with u.data (and u.item)",
            "  kaggle-anime:   --input is a folder with rating.csv and/or anime.csv; rating -1 = watched, not rated",
            "  csv:            --input is a delimited file; --columns maps contract columns to header names",
            "                  (with --header) or 0-based positions (without)"})
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

    @Option(names = "--header", negatable = true, description = "csv: the file has a header line (default: true)")
    boolean header = true;

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
        SparkSession spark = common.spark("animerec ingest");
        Ingest.Source interactions;
        Ingest.Source itemSource;
        switch (format.toLowerCase(Locale.ROOT)) {
            case "movielens-100k" -> {
                RatingRules rules = new RatingRules(ratingMin, ratingMax == null ? 5 : ratingMax, unratedMarker, !dropUnrated);
                interactions = new Ingest.Source(HadoopFiles.child(input, "u.data"), "UTF-8",
                        InteractionLineParser.byPosition('\t', 0, 1, 2, 3, false, rules));
                String itemFile = HadoopFiles.child(input, "u.item");
                itemSource = HadoopFiles.exists(spark.sparkContext().hadoopConfiguration(), itemFile)
                        ? new Ingest.Source(itemFile, "ISO-8859-1", ItemLineParser.movieLens()) : null;
            }
            case "kaggle-anime" -> {
                RatingRules rules = new RatingRules(ratingMin, ratingMax == null ? 10 : ratingMax,
                        unratedMarker == null ? -1.0 : unratedMarker, !dropUnrated);
                var conf = spark.sparkContext().hadoopConfiguration();
                String ratingFile = HadoopFiles.child(input, "rating.csv");
                String itemFile = HadoopFiles.child(input, "anime.csv");
                boolean hasItems = HadoopFiles.exists(conf, itemFile);
                boolean onlyItems = itemsOnly || (hasItems && !HadoopFiles.exists(conf, ratingFile));
                if (onlyItems && !itemsOnly) {
                    System.out.println("no " + ratingFile + ": ingesting the items only (anime.csv)");
                }
                interactions = onlyItems ? null : new Ingest.Source(ratingFile, "UTF-8",
                        InteractionLineParser.byName(',', "user_id", "anime_id", "rating", null, rules));
                itemSource = hasItems || itemsOnly
                        ? new Ingest.Source(itemFile, "UTF-8", ItemLineParser.withHeader(',')) : null;
            }
            case "csv" -> {
                char separator = separator(sep);
                RatingRules rules = new RatingRules(ratingMin, ratingMax == null ? 10 : ratingMax, unratedMarker, !dropUnrated);
                for (String key : columns.keySet()) {
                    if (!java.util.List.of(Columns.USER, Columns.ITEM, Columns.RATING, Columns.TIMESTAMP).contains(key)) {
                        throw new UserError("--columns: unknown contract column '" + key
                                + "' (expected user_id, anime_id, rating, timestamp)");
                    }
                }
                interactions = new Ingest.Source(input, "UTF-8", header
                        ? InteractionLineParser.byName(separator, columns.getOrDefault(Columns.USER, Columns.USER),
                            columns.getOrDefault(Columns.ITEM, Columns.ITEM), columns.getOrDefault(Columns.RATING, Columns.RATING),
                            columns.get(Columns.TIMESTAMP), rules)
                        : InteractionLineParser.byPosition(separator, position(Columns.USER, 0), position(Columns.ITEM, 1),
                            position(Columns.RATING, 2), columns.containsKey(Columns.TIMESTAMP) ? position(Columns.TIMESTAMP, 3) : -1,
                            false, rules));
                itemSource = items == null ? null : new Ingest.Source(items, "UTF-8", ItemLineParser.withHeader(separator));
            }
            default -> throw new UserError("unknown --format '" + format + "' (expected movielens-100k, kaggle-anime or csv)");
        }
        Ingest.Report report = Ingest.run(spark, interactions, itemSource, out);
        System.out.println("ingested into " + out);
        if (report.interactions() != null) {
            System.out.println(report.interactions().summary("interactions"));
            report.interactions().reasons().forEach((k, v) -> System.out.printf("    quarantined %,d: %s%n", v, k));
        }
        if (report.items() != null) {
            System.out.println(report.items().summary("items"));
            report.items().reasons().forEach((k, v) -> System.out.printf("    quarantined %,d: %s%n", v, k));
        }
        System.out.println("report: " + HadoopFiles.child(out, "ingest-report.json"));
        return 0;
    }

    private int position(String column, int def) {
        String v = columns.get(column);
        if (v == null) {
            return def;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UserError("--columns " + column + "=" + v + ": without --header, fields are 0-based positions");
        }
    }

    static char separator(String s) {
        if (s.equals("\\t") || s.equals("\t") || s.equalsIgnoreCase("tab")) {
            return '\t';
        }
        if (s.length() != 1) {
            throw new UserError("--sep must be one character (or \\t), got '" + s + "'");
        }
        return s.charAt(0);
    }
}
