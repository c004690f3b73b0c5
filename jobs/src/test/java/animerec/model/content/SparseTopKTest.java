package animerec.model.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.testing.SparkTestSupport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/** The blocked sparse top-K returns exactly the brute-force top-K, on both of its paths. */
class SparseTopKTest {
    private static List<SparseTopK.Row> randomRows(int n, int dim, int maxNnz, long seed, boolean withExclusions) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<SparseTopK.Row> rows = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            int nnz = rnd.nextInt(maxNnz + 1);
            int[] idx = rnd.ints(nnz * 2L, 0, dim).distinct().limit(nnz).sorted().toArray();
            float[] val = new float[idx.length];
            for (int x = 0; x < idx.length; x++) {
                val[x] = (float) (rnd.nextDouble() * 2 - 1);
            }
            long[] exclude = withExclusions ? rnd.longs(3, 0, n).toArray() : new long[0];
            rows.add(new SparseTopK.Row(1000 + a * 7L, idx, val, exclude));
        }
        return rows;
    }

    /** Brute force: every target sharing a term, score in query term order, ties by lower id. */
    private static Map<Long, List<Long>> bruteForce(List<SparseTopK.Row> queries, List<SparseTopK.Row> targets, int k,
                                                    boolean excludeSelf) {
        Map<Long, List<Long>> out = new TreeMap<>();
        for (SparseTopK.Row q : queries) {
            List<long[]> cands = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            for (SparseTopK.Row t : targets) {
                boolean shares = Arrays.stream(q.indices()).anyMatch(i -> Arrays.binarySearch(t.indices(), i) >= 0);
                boolean excluded = (excludeSelf && t.id() == q.id()) || Arrays.stream(q.exclude()).anyMatch(e -> e == t.id());
                if (shares && !excluded) {
                    cands.add(new long[] {t.id()});
                    scores.add(SparseTopK.dot(q, t));
                }
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < cands.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.<Integer>comparingDouble(i -> -scores.get(i)).thenComparingLong(i -> cands.get(i)[0]));
            out.put(q.id(), order.stream().limit(k).map(i -> cands.get(i)[0]).toList());
        }
        return out;
    }

    private static Map<Long, List<Long>> run(SparseTopK kernel, List<SparseTopK.Row> queries, List<SparseTopK.Row> targets,
                                             int k, boolean excludeSelf) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSupport.spark().sparkContext());
        JavaRDD<SparseTopK.Row> q = jsc.parallelize(queries, 3);
        JavaRDD<SparseTopK.Row> t = jsc.parallelize(targets, 2);
        Map<Long, List<Long>> out = new TreeMap<>();
        for (SparseTopK.Result r : kernel.topK(q, t, k, excludeSelf).collect()) {
            out.put(r.id(), Arrays.stream(r.targets()).boxed().toList());
            for (int i = 1; i < r.scores().length; i++) {
                assertTrue(r.scores()[i - 1] >= r.scores()[i], "best first");
            }
        }
        return out;
    }

    @Test
    void itemNeighboursEqualBruteForceOnBothPaths() {
        List<SparseTopK.Row> rows = randomRows(300, 40, 6, 1, false);
        Map<Long, List<Long>> expected = bruteForce(rows, rows, 7, true);
        expected.values().removeIf(List::isEmpty);
        Map<Long, List<Long>> broadcast = run(new SparseTopK(64, 50, Long.MAX_VALUE), rows, rows, 7, true);
        Map<Long, List<Long>> cartesian = run(new SparseTopK(64, 50, 0), rows, rows, 7, true);
        broadcast.values().removeIf(List::isEmpty);
        cartesian.values().removeIf(List::isEmpty);
        assertEquals(expected, broadcast);
        assertEquals(expected, cartesian);
        assertTrue(expected.values().stream().mapToInt(List::size).sum() > 1000, "a non-trivial case");
    }

    @Test
    void exclusionsAreNeverReturnedAndScoresDoNotDependOnBlocking() {
        List<SparseTopK.Row> queries = randomRows(120, 25, 8, 2, true);
        List<SparseTopK.Row> targets = randomRows(500, 25, 5, 3, false);
        Map<Long, List<Long>> expected = bruteForce(queries, targets, 10, false);
        assertEquals(expected, run(new SparseTopK(16, 37, 0), queries, targets, 10, false));
        assertEquals(expected, run(new SparseTopK(1000, 1000, Long.MAX_VALUE), queries, targets, 10, false));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSupport.spark().sparkContext());
        Function<SparseTopK, Map<Long, double[]>> scores = kernel -> kernel.topK(jsc.parallelize(queries, 2),
                jsc.parallelize(targets, 5), 10, false).collect().stream()
                .collect(Collectors.toMap(SparseTopK.Result::id, SparseTopK.Result::scores));
        Map<Long, double[]> a = scores.apply(new SparseTopK(16, 37, 0));
        Map<Long, double[]> b = scores.apply(new SparseTopK(500, 11, Long.MAX_VALUE));
        for (Long id : a.keySet()) {
            assertArrayEquals(a.get(id), b.get(id), 0.0, "bit-identical scores for " + id);
        }
    }
}
