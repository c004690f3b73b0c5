package animerec.cli;

import animerec.data.Datasets;
import animerec.data.Fingerprints;
import animerec.model.ParamMap;
import animerec.model.content.ContentKind;
import animerec.model.content.FeatureStore;
import animerec.model.content.ItemFeatures;
import animerec.model.content.ItemNeighbours;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Build item feature matrices from a dataset's items table and store them beside it",
            "(DIR/features/genre, tfidf, embedding: Parquet vectors, top-N neighbours per item, manifest).",
            "Parameters come from models.<kind> in the config (the same ones the content recommenders use)."})
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
        if (neighbours < 0) {
            throw new UserError("--neighbours must be 0 or more, got " + neighbours);
        }
        SparkSession spark = common.spark("animerec features");
        Dataset<Row> items = Datasets.readItemsOrNull(spark, data);
        if (items == null) {
            throw new UserError(data + ": no items table (expected " + data + "/items; run `animerec ingest` first)");
        }
        String fingerprint = Fingerprints.of(items);
        List<ContentKind> selected = kinds == null ? List.of(ContentKind.values())
                : kinds.stream().map(ContentKind::parse).toList();
        ObjectNode results = Json.object();
        results.put("items_table", Datasets.readItemsOrNull(spark, data).count());
        results.put("neighbours_per_item", neighbours);
        results.put("broadcast_limit_mb", broadcastLimitMb);
        results.put("cores", Runtime.getRuntime().availableProcessors());
        results.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        results.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        results.put("master", spark.sparkContext().master());
        for (ContentKind kind : selected) {
            long t0 = System.nanoTime();
            ParamMap params = paramsFor(common, kind, embeddings);
            ItemFeatures.Built built = ItemFeatures.build(items, kind, params, common.config().seed);
            built.vectors().count();
            double featureSeconds = (System.nanoTime() - t0) / 1e9;
            Dataset<Row> table = neighbours == 0 ? null : ItemNeighbours.all(built.vectors(), neighbours, broadcastLimitMb << 20);
            ObjectNode m = FeatureStore.write(spark, data, kind, built, table, neighbours, fingerprint);
            ObjectNode r = results.putObject(kind.label());
            r.put("seconds", (System.nanoTime() - t0) / 1e9);
            r.put("feature_seconds", featureSeconds);
            r.put("neighbour_seconds", (System.nanoTime() - t0) / 1e9 - featureSeconds);
            r.put("items_with_features", m.path("items_with_features").asLong());
            r.put("dimension", m.path("dimension").asLong());
            r.put("neighbour_rows", m.path("neighbour_rows").asLong());
            System.out.printf("%-9s %,d items (%,d with features), dimension %,d, %,d neighbour rows in %.1f s -> %s%n",
                    kind.label(), m.path("items").asLong(), m.path("items_with_features").asLong(),
                    m.path("dimension").asLong(), m.path("neighbour_rows").asLong(), (System.nanoTime() - t0) / 1e9,
                    FeatureStore.dir(data, kind));
        }
        results.put("peak_heap_mb", peakHeapMb());
        if (report != null) {
            HadoopFiles.writeStringAtomically(spark.sparkContext().hadoopConfiguration(), report, Json.write(results));
            System.out.println("wrote " + report);
        }
        return 0;
    }

    /** The sum over heap pools of their peak usage since the JVM started (an upper bound of the true peak). */
    static long peakHeapMb() {
        long bytes = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes >> 20;
    }

    /** models.<kind> from the config, with --embeddings as embeddings_path. */
    static ParamMap paramsFor(CommonOptions common, ContentKind kind, String embeddings) {
        Map<String, String> raw = new LinkedHashMap<>(common.config().models.getOrDefault(kind.label(), Map.of()));
        if (embeddings != null && kind == ContentKind.EMBEDDING) {
            raw.put(ContentKind.EMBEDDINGS_PATH.name(), embeddings);
        }
        return ParamMap.of(kind.label(), kind.recommenderParams(), raw);
    }
}
