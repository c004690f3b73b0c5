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
                        InteractionLineParser.byPosition('\t', 0, 1, 2, 3, false, rules).withFieldCount(4));
                String itemFile = HadoopFiles.child(r.input(), "u.item");
                itemSource = HadoopFiles.exists(spark.sparkContext().hadoopConfiguration(), itemFile)
                        ? new Ingest.Source(itemFile, "ISO-8859-1", ItemLineParser.movieLens()) : null;
            }
            case "kaggle-anime" -> {
                var conf = spark.sparkContext().hadoopConfiguration();
                String ratingFile = HadoopFiles.child(r.input(), "rating.csv");
                String itemFile = HadoopFiles.child(r.input(), "anime.csv");
                boolean hasItems = HadoopFiles.exists(conf, itemFile);
                boolean onlyItems = r.itemsOnly() || (hasItems && !HadoopFiles.exists(conf, ratingFile));
                if (onlyItems && !r.itemsOnly()) {
                    System.out.println("no " + ratingFile + ": ingesting the items only (anime.csv)");
                }
                interactions = onlyItems ? null : new Ingest.Source(ratingFile, "UTF-8", r.interactionParser());
                itemSource = hasItems || r.itemsOnly()
                        ? new Ingest.Source(itemFile, "UTF-8", ItemLineParser.withHeader(',')) : null;
            }
            case "csv" -> {
                interactions = new Ingest.Source(r.input(), "UTF-8", r.interactionParser());
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
}
