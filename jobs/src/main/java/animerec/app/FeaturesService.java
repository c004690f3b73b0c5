package animerec.app;

import animerec.data.Datasets;
import animerec.data.Fingerprints;
import animerec.model.ParamMap;
import animerec.model.content.ContentKind;
import animerec.model.content.FeatureStore;
import animerec.model.content.ItemFeatures;
import animerec.model.content.ItemNeighbours;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import animerec.util.Jvm;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Builds item feature matrices and their neighbour tables, stores them beside the dataset, and reports their cost. */
public final class FeaturesService {
    private FeaturesService() {
    }

    public static void run(AppContext ctx, FeaturesRequest request) {
        SparkSession spark = ctx.spark("animerec features");
        String data = request.data();
        Dataset<Row> items = Datasets.readItemsOrNull(spark, data);
        if (items == null) {
            throw new UserError(data + ": no items table (expected " + data + "/items; run `animerec ingest` first)");
        }
        String fingerprint = Fingerprints.of(items);
        ObjectNode results = Json.object();
        results.put("items_table", Datasets.readItemsOrNull(spark, data).count());
        results.put("neighbours_per_item", request.neighbours());
        results.put("broadcast_limit_mb", request.broadcastLimitMb());
        results.put("cores", Runtime.getRuntime().availableProcessors());
        results.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        results.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        results.put("master", spark.sparkContext().master());
        for (ContentKind kind : request.kinds()) {
            build(ctx, request, spark, items, kind, fingerprint, results.putObject(kind.label()));
        }
        results.put("peak_heap_mb", Jvm.peakHeapMb());
        if (request.report() != null) {
            HadoopFiles.writeStringAtomically(spark.sparkContext().hadoopConfiguration(), request.report(), Json.write(results));
            System.out.println("wrote " + request.report());
        }
    }

    private static void build(AppContext ctx, FeaturesRequest request, SparkSession spark, Dataset<Row> items, ContentKind kind,
                              String fingerprint, ObjectNode r) {
        long t0 = System.nanoTime();
        int neighbours = request.neighbours();
        ParamMap params = ModelParams.features(ctx.config(), kind, request.embeddings());
        ItemFeatures.Built built = ItemFeatures.build(items, kind, params, ctx.seed());
        built.vectors().count();
        double featureSeconds = (System.nanoTime() - t0) / 1e9;
        Dataset<Row> table = neighbours == 0 ? null
                : ItemNeighbours.all(built.vectors(), neighbours, request.broadcastLimitMb() << 20);
        ObjectNode m = FeatureStore.write(spark, request.data(), kind, built, table, neighbours, fingerprint);
        r.put("seconds", (System.nanoTime() - t0) / 1e9);
        r.put("feature_seconds", featureSeconds);
        r.put("neighbour_seconds", (System.nanoTime() - t0) / 1e9 - featureSeconds);
        r.put("items_with_features", m.path("items_with_features").asLong());
        r.put("dimension", m.path("dimension").asLong());
        r.put("neighbour_rows", m.path("neighbour_rows").asLong());
        System.out.printf("%-9s %,d items (%,d with features), dimension %,d, %,d neighbour rows in %.1f s -> %s%n",
                kind.label(), m.path("items").asLong(), m.path("items_with_features").asLong(),
                m.path("dimension").asLong(), m.path("neighbour_rows").asLong(), (System.nanoTime() - t0) / 1e9,
                FeatureStore.dir(request.data(), kind));
    }
}
