package animerec.model.ease;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.sort_array;

import animerec.data.Columns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * XᵀX of the binary user × item matrix, computed distributed: each user's sorted item list goes to every
 * stripe of item rows it touches, and each stripe (at most {@link #STRIPE_BYTES} of float counts) is summed
 * in one task as a dense block: rows r0..r1 of G, G[a][b] = the users with both a and b. Work is Σ_u n_u² cheap
 * array increments and the shuffle is the item lists, each sent to the few stripes it meets. The stripes then
 * come to the driver one at a time ({@code toLocalIterator}) into the n × n double matrix that the inverse
 * works on.
 */
final class GramMatrix {
    static final long STRIPE_BYTES = 64L << 20;

    private GramMatrix() {
    }

    /** Rows per stripe so that a stripe of float counts stays within {@link #STRIPE_BYTES}. */
    static int stripeRows(int n) {
        return (int) Math.max(1, Math.min(n, STRIPE_BYTES / (4L * n)));
    }

    /**
     * @param indexed {@code user_id, xi}: each distinct (user, item) once, xi the item's dense index in [0, n)
     * @return the n × n Gram matrix (symmetric, so row- and column-major alike)
     */
    static double[] compute(Dataset<Row> indexed, int n) {
        return compute(indexed, n, stripeRows(n));
    }

    /** As {@link #compute(Dataset, int)} with {@code rows} item rows per stripe. */
    static double[] compute(Dataset<Row> indexed, int n, int rows) {
        int stripes = (n + rows - 1) / rows;
        JavaRDD<int[]> lists = indexed.groupBy(Columns.USER).agg(sort_array(collect_list(col("xi"))).as("items"))
                .javaRDD().map(r -> {
                    List<Integer> l = r.getList(1);
                    int[] a = new int[l.size()];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = l.get(i);
                    }
                    return a;
                });
        JavaRDD<Tuple2<Integer, float[]>> blocks = lists
                .flatMapToPair(items -> {
                    List<Tuple2<Integer, int[]>> out = new ArrayList<>();
                    for (int s = items[0] / rows; s <= items[items.length - 1] / rows; s++) {
                        out.add(new Tuple2<>(s, items));
                    }
                    return out.iterator();
                })
                .partitionBy(new HashPartitioner(stripes))
                .mapPartitions(it -> stripe(it, rows, n));
        double[] g = new double[n * n];
        Iterator<Tuple2<Integer, float[]>> collected = blocks.toLocalIterator();
        while (collected.hasNext()) {
            Tuple2<Integer, float[]> b = collected.next();
            int r0 = b._1() * rows;
            float[] block = b._2();
            int height = block.length / n;
            for (int i = 0; i < height * n; i++) {
                g[r0 * n + i] = block[i];
            }
        }
        return g;
    }

    /** The dense stripe of G that a partition owns (one stripe per partition: the stripe numbers are < stripes). */
    private static Iterator<Tuple2<Integer, float[]>> stripe(Iterator<Tuple2<Integer, int[]>> lists, int rows, int n) {
        List<Tuple2<Integer, float[]>> out = new ArrayList<>(1);
        float[] block = null;
        int stripe = -1;
        while (lists.hasNext()) {
            Tuple2<Integer, int[]> t = lists.next();
            if (block == null) {
                stripe = t._1();
                block = new float[Math.min(rows, n - stripe * rows) * n];
            } else if (t._1() != stripe) {
                throw new IllegalStateException("two stripes in one partition: " + stripe + ", " + t._1());
            }
            int[] items = t._2();
            int r0 = stripe * rows;
            int from = lowerBound(items, r0);
            int to = lowerBound(items, r0 + rows);
            for (int p = from; p < to; p++) {
                int base = (items[p] - r0) * n;
                for (int b : items) {
                    block[base + b] += 1f;
                }
            }
        }
        if (block != null) {
            out.add(new Tuple2<>(stripe, block));
        }
        return out.iterator();
    }

    private static int lowerBound(int[] sorted, int value) {
        int i = Arrays.binarySearch(sorted, value);
        return i >= 0 ? i : -i - 1;
    }
}
