package animerec.data.generate;

import animerec.data.Columns;
import animerec.data.Datasets;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a synthetic dataset under the data contract. Items are built on the driver (one row per catalogue
 * item); interactions are generated on the executors, one user at a time, from a broadcast catalogue. The
 * partitioning depends only on the spec, so the same spec gives byte-identical Parquet files.
 */
public final class SampleDatasetWriter {
    /** Users per generated partition. */
    static final int USERS_PER_PARTITION = 2_000;

    private SampleDatasetWriter() {
    }

    public static void write(SparkSession spark, SampleSpec spec, String outDir) {
        spec.validate();
        SampleCatalog catalog = SampleCatalog.build(spec);
        List<Row> itemRows = new ArrayList<>();
        for (SampleItem item : catalog.items()) {
            itemRows.add(RowFactory.create(item.animeId(), item.name(), item.genres().toArray(new String[0]),
                    item.synopsis(), item.type(), item.episodes(), item.members()));
        }
        Dataset<Row> items = spark.createDataFrame(itemRows, Columns.ITEMS).coalesce(1);
        Datasets.writeTable(items, HadoopFiles.child(outDir, Columns.ITEMS_TABLE));

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<SampleCatalog> bCatalog = jsc.broadcast(catalog);
        int partitions = (spec.users() + USERS_PER_PARTITION - 1) / USERS_PER_PARTITION;
        Dataset<Row> interactions = spark.range(1, spec.users() + 1L, 1, partitions)
                .flatMap((FlatMapFunction<Long, Row>) user -> {
                    List<Row> out = new ArrayList<>();
                    for (SampleInteraction i : bCatalog.value().interactionsForUser(user)) {
                        out.add(RowFactory.create(i.userId(), i.animeId(), i.rating(), i.timestamp()));
                    }
                    return out.iterator();
                }, Encoders.row(Columns.INTERACTIONS));
        Datasets.writeTable(interactions, HadoopFiles.child(outDir, Columns.INTERACTIONS_TABLE));

        ObjectNode manifest = Json.object();
        manifest.put("generator", "animerec sample");
        ObjectNode s = manifest.putObject("spec");
        s.put("users", spec.users());
        s.put("items", spec.items());
        s.put("interactions", spec.interactions());
        s.put("seed", spec.seed());
        s.put("unrated_share", spec.unratedShare());
        s.put("factors", spec.factors());
        HadoopFiles.writeStringAtomically(spark.sparkContext().hadoopConfiguration(),
                HadoopFiles.child(outDir, "generate.json"), Json.write(manifest));
    }
}
