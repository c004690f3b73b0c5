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
    private final IngestRequest r;

    private IngestService(IngestRequest r) {
        this.r = r;
    }

    /** Ingests the request's files and prints the report. */
    public static Ingest.Report run(SparkSession spark, IngestRequest request) {
        return new IngestService(request).run(spark);
    }

    private Ingest.Report run(SparkSession spark) {
        Ingest.Source interactions;
        Ingest.Source itemSource;
        switch (r.format()) {
            case "movielens-100k" -> {
                RatingRules rules = new RatingRules(r.ratingMin(), r.ratingMax() == null ? 5 : r.ratingMax(), r.unratedMarker(),
                        !r.dropUnrated());
                interactions = new Ingest.Source(HadoopFiles.child(r.input(), "u.data"), "UTF-8",
                        InteractionLineParser.byPosition('\t', 0, 1, 2, 3, false, rules));
                String itemFile = HadoopFiles.child(r.input(), "u.item");
                itemSource = HadoopFiles.exists(spark.sparkContext().hadoopConfiguration(), itemFile)
                        ? new Ingest.Source(itemFile, "ISO-8859-1", ItemLineParser.movieLens()) : null;
            }
            case "kaggle-anime" -> {
                RatingRules rules = new RatingRules(r.ratingMin(), r.ratingMax() == null ? 10 : r.ratingMax(),
                        r.unratedMarker() == null ? -1.0 : r.unratedMarker(), !r.dropUnrated());
                var conf = spark.sparkContext().hadoopConfiguration();
                String ratingFile = HadoopFiles.child(r.input(), "rating.csv");
                String itemFile = HadoopFiles.child(r.input(), "anime.csv");
                boolean hasItems = HadoopFiles.exists(conf, itemFile);
                boolean onlyItems = r.itemsOnly() || (hasItems && !HadoopFiles.exists(conf, ratingFile));
                if (onlyItems && !r.itemsOnly()) {
                    System.out.println("no " + ratingFile + ": ingesting the items only (anime.csv)");
                }
                interactions = onlyItems ? null : new Ingest.Source(ratingFile, "UTF-8",
                        InteractionLineParser.byName(',', "user_id", "anime_id", "rating", null, rules));
                itemSource = hasItems || r.itemsOnly()
                        ? new Ingest.Source(itemFile, "UTF-8", ItemLineParser.withHeader(',')) : null;
            }
            case "csv" -> {
                RatingRules rules = new RatingRules(r.ratingMin(), r.ratingMax() == null ? 10 : r.ratingMax(), r.unratedMarker(),
                        !r.dropUnrated());
                interactions = new Ingest.Source(r.input(), "UTF-8", r.header()
                        ? InteractionLineParser.byName(r.sep(), r.columns().getOrDefault(Columns.USER, Columns.USER),
                            r.columns().getOrDefault(Columns.ITEM, Columns.ITEM), r.columns().getOrDefault(Columns.RATING, Columns.RATING),
                            r.columns().get(Columns.TIMESTAMP), rules)
                        : InteractionLineParser.byPosition(r.sep(), position(Columns.USER, 0), position(Columns.ITEM, 1),
                            position(Columns.RATING, 2), r.columns().containsKey(Columns.TIMESTAMP) ? position(Columns.TIMESTAMP, 3) : -1,
                            false, rules));
                itemSource = r.items() == null ? null : new Ingest.Source(r.items(), "UTF-8", ItemLineParser.withHeader(r.sep()));
            }
            default -> throw new UserError("unknown --format '" + r.format() + "' (expected movielens-100k, kaggle-anime or csv)");
        }
        long t0 = System.nanoTime();
        Ingest.Report report = Ingest.run(spark, interactions, itemSource, r.out());
        System.out.printf(java.util.Locale.ROOT, "ingested into %s in %.1f s%n", r.out(), animerec.util.Progress.seconds(t0));
        if (report.interactions() != null) {
            System.out.println(report.interactions().summary("interactions"));
            report.interactions().reasons().forEach((k, v) -> System.out.printf("    quarantined %,d: %s%n", v, k));
        }
        if (report.items() != null) {
            System.out.println(report.items().summary("items"));
            report.items().reasons().forEach((k, v) -> System.out.printf("    quarantined %,d: %s%n", v, k));
        }
        System.out.println("report: " + HadoopFiles.child(r.out(), "ingest-report.json"));
        return report;
    }

    private int position(String column, int def) {
        String v = r.columns().get(column);
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
