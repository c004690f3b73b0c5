package animerec.app;

import animerec.data.Columns;
import animerec.data.ingest.Ingest;
import animerec.data.ingest.InteractionLineParser;
import animerec.data.ingest.ItemLineParser;
import animerec.data.ingest.RatingRules;
import animerec.util.HadoopFiles;
import animerec.util.UserError;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Converts raw files into the data contract (Parquet interactions, items, quarantine) and prints the ingest report. */
public final class IngestService {
    private final String format;
    private final String input;
    private final String out;
    private final String items;
    private final char sep;
    private final boolean header;
    private final Map<String, String> columns;
    private final double ratingMin;
    private final Double ratingMax;
    private final Double unratedMarker;
    private final boolean dropUnrated;
    private final boolean itemsOnly;

    private IngestService(IngestRequest r) {
        format = r.format();
        input = r.input();
        out = r.out();
        items = r.items();
        sep = r.sep();
        header = r.header();
        columns = r.columns();
        ratingMin = r.ratingMin();
        ratingMax = r.ratingMax();
        unratedMarker = r.unratedMarker();
        dropUnrated = r.dropUnrated();
        itemsOnly = r.itemsOnly();
    }

    /** Ingests the request's files and prints the report. */
    public static Ingest.Report run(SparkSession spark, IngestRequest request) {
        return new IngestService(request).run(spark);
    }

    private Ingest.Report run(SparkSession spark) {
        Ingest.Source interactions;
        Ingest.Source itemSource;
        switch (format) {
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
                RatingRules rules = new RatingRules(ratingMin, ratingMax == null ? 10 : ratingMax, unratedMarker, !dropUnrated);
                interactions = new Ingest.Source(input, "UTF-8", header
                        ? InteractionLineParser.byName(sep, columns.getOrDefault(Columns.USER, Columns.USER),
                            columns.getOrDefault(Columns.ITEM, Columns.ITEM), columns.getOrDefault(Columns.RATING, Columns.RATING),
                            columns.get(Columns.TIMESTAMP), rules)
                        : InteractionLineParser.byPosition(sep, position(Columns.USER, 0), position(Columns.ITEM, 1),
                            position(Columns.RATING, 2), columns.containsKey(Columns.TIMESTAMP) ? position(Columns.TIMESTAMP, 3) : -1,
                            false, rules));
                itemSource = items == null ? null : new Ingest.Source(items, "UTF-8", ItemLineParser.withHeader(sep));
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
        return report;
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
}
