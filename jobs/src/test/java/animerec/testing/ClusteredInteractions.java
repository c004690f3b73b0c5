package animerec.testing;

import animerec.data.Columns;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Implicit data with structure a ranking model can learn and popularity cannot: items 1..items fall into
 * {@code clusters} equal groups (genre {@code g<c>}); user u belongs to cluster u mod clusters and interacts with
 * {@code inCluster} items of its cluster and {@code noise} items from anywhere. Every item is about equally
 * popular, so popularity ranks near chance. Seeded.
 */
public final class ClusteredInteractions {
    private ClusteredInteractions() {
    }

    public static int clusterOf(long item, int items, int clusters) {
        return (int) ((item - 1) / (items / clusters));
    }

    public static Dataset<Row> interactions(SparkSession spark, int users, int items, int clusters, int inCluster,
                                            int noise, long seed) {
        int per = items / clusters;
        List<Row> rows = new ArrayList<>();
        for (long u = 1; u <= users; u++) {
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + u);
            int c = (int) (u % clusters);
            TreeSet<Long> chosen = new TreeSet<>();
            while (chosen.size() < inCluster) {
                chosen.add(1L + c * per + rnd.nextInt(per));
            }
            while (chosen.size() < inCluster + noise) {
                chosen.add(1L + rnd.nextInt(items));
            }
            for (long i : chosen) {
                rows.add(RowFactory.create(u, i, 1.0 + rnd.nextInt(5), null));
            }
        }
        return spark.createDataFrame(rows, Columns.INTERACTIONS);
    }

    /** The items table: item i has the single genre of its cluster. */
    public static Dataset<Row> items(SparkSession spark, int items, int clusters) {
        List<Row> rows = new ArrayList<>();
        for (long i = 1; i <= items; i++) {
            rows.add(RowFactory.create(i, "item " + i,
                    scala.jdk.javaapi.CollectionConverters.asScala(List.of("g" + clusterOf(i, items, clusters))).toSeq(),
                    null, null, null, null));
        }
        return spark.createDataFrame(rows, Columns.ITEMS);
    }
}
