package animerec.model.ease;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.data.Columns;
import animerec.catalog.ModelCatalog;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import animerec.testing.SparkTestSupport;
import animerec.util.UserError;
import dev.ludovic.netlib.lapack.LAPACK;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.netlib.util.intW;

class EaseRecommenderTest {
    /** X^T X + lambda I of a random binary matrix: symmetric positive definite. */
    private static double[] randomSpd(int n, long seed) {
        Random r = new Random(seed);
        double[] g = new double[n * n];
        for (int u = 0; u < 3 * n; u++) {
            int[] items = r.ints(1 + r.nextInt(12), 0, n).distinct().toArray();
            for (int a : items) {
                for (int b : items) {
                    g[a * n + b] += 1;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            g[i * n + i] += 0.5 + r.nextDouble();
        }
        return g;
    }

    /** LAPACK's Cholesky inverse, both triangles: the reference. */
    private static double[] lapackInverse(double[] g, int n) {
        double[] a = g.clone();
        intW info = new intW(0);
        LAPACK.getInstance().dpotrf("L", n, a, n, info);
        LAPACK.getInstance().dpotri("L", n, a, n, info);
        assertEquals(0, info.val);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < j; i++) {
                a[j * n + i] = a[i * n + j];
            }
        }
        return a;
    }

    @Test
    void blockedInverseMatchesLapack() {
        for (int n : new int[] {1, 7, SpdInverse.BLOCK, SpdInverse.BLOCK + 45, 2 * SpdInverse.BLOCK + 3}) {
            double[] g = randomSpd(n, n);
            double[] expected = lapackInverse(g, n);
            double[] a = g.clone();
            SpdInverse.invert(a, n);
            for (int i = 0; i < a.length; i++) {
                assertEquals(expected[i], a[i], 1e-10 * (1 + Math.abs(expected[i])), "n=" + n + " at " + i);
            }
        }
    }

    @Test
    void notPositiveDefiniteIsRefused() {
        double[] a = {1, 2, 2, 1};
        assertThrows(ArithmeticException.class, () -> SpdInverse.invert(a, 2));
    }

    /** u1 {10, 20}, u2 {10, 20, 30}, u3 {20, 30}, u4 {10}, u5 {40, 10}. */
    private static Dataset<Row> train() {
        long[][] pairs = {{1, 10}, {1, 20}, {2, 10}, {2, 20}, {2, 30}, {3, 20}, {3, 30}, {4, 10}, {5, 40}, {5, 10}, {5, 10}};
        List<Row> rows = new ArrayList<>();
        for (long[] p : pairs) {
            rows.add(RowFactory.create(p[0], p[1], p[0] == 3 ? null : 4.0, 0L));
        }
        return SparkTestSupport.spark().createDataFrame(rows, Columns.INTERACTIONS);
    }

    @Test
    void gramMatrixCountsCoOccurrencesInEveryStripeLayout() {
        Dataset<Row> indexed = train().selectExpr(Columns.USER, "cast(anime_id / 10 - 1 as int) as xi").distinct();
        double[] expected = {
            4, 2, 1, 1,
            2, 3, 2, 0,
            1, 2, 2, 0,
            1, 0, 0, 1};
        for (int rows : new int[] {1, 2, 3, 4}) {
            assertArrayEquals(expected, GramMatrix.compute(indexed, 4, rows), 0, "rows per stripe " + rows);
        }
        assertEquals(4, GramMatrix.stripeRows(4));
        assertEquals((int) (GramMatrix.STRIPE_BYTES / (4L * 100_000)), GramMatrix.stripeRows(100_000));
    }

    @Test
    void weightsAndScoresAreTheClosedForm() {
        double lambda = 2;
        Recommender r = ModelCatalog.get("ease");
        RecommenderModel m = r.fit(TrainingData.of(train()), r.params(Map.of("lambda", "2")), 1);
        // the closed form from the Gram matrix above, by LAPACK's inverse
        double[] g = {4, 2, 1, 1, 2, 3, 2, 0, 1, 2, 2, 0, 1, 0, 0, 1};
        for (int i = 0; i < 4; i++) {
            g[i * 4 + i] += lambda;
        }
        double[] p = lapackInverse(g, 4);
        long[] ids = {10, 20, 30, 40};
        EaseModel ease = (EaseModel) m;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double b = i == j ? 0 : -p[i * 4 + j] / p[j * 4 + j];
                assertEquals(b, ease.weight(ids[i], ids[j]), 1e-6, "B[" + ids[i] + "][" + ids[j] + "]");
            }
        }
        Dataset<Row> seen = train().select(Columns.USER, Columns.ITEM);
        List<Row> recs = m.recommend(seen.select(Columns.USER).distinct(), seen, 2).orderBy(Columns.USER, Columns.RANK).collectAsList();
        // u4 {10}: scores B[10][j] for j = 20, 30, 40, ranked; u1 {10, 20}: B[10][j] + B[20][j] for 30, 40
        List<double[]> u4 = new ArrayList<>();
        for (int j = 1; j < 4; j++) {
            u4.add(new double[] {ids[j], (float) (-p[j] / p[j * 4 + j])});
        }
        u4.sort((x, y) -> Double.compare(y[1], x[1]));
        List<Row> got4 = recs.stream().filter(x -> x.getLong(0) == 4).toList();
        assertEquals(2, got4.size());
        for (int i = 0; i < 2; i++) {
            assertEquals((long) u4.get(i)[0], got4.get(i).getLong(1));
            assertEquals(i + 1, got4.get(i).getInt(2));
            assertEquals(u4.get(i)[1], got4.get(i).getDouble(3), 1e-6);
        }
        for (Row x : recs) {
            long u = x.getLong(0);
            assertTrue(seen.filter(seen.col(Columns.USER).equalTo(u).and(seen.col(Columns.ITEM).equalTo(x.getLong(1)))).isEmpty(),
                    "user " + u + " got a seen item " + x.getLong(1));
        }
        // u2 has 10, 20, 30: only 40 is left
        assertEquals(List.of(40L), recs.stream().filter(x -> x.getLong(0) == 2).map(x -> x.getLong(1)).toList());
    }

    @Test
    void aCatalogueOverTheLimitIsRefusedBeforeAnyWork() {
        Recommender r = ModelCatalog.get("ease");
        UserError e = assertThrows(UserError.class,
                () -> r.fit(TrainingData.of(train()), r.params(Map.of("max_items", "3")), 1));
        assertTrue(e.getMessage().contains("4 items, over the limit max_items=3"), e.getMessage());
        assertTrue(e.getMessage().contains("item-knn"), e.getMessage());
        UserError heap = assertThrows(UserError.class, () -> EaseRecommender.checkSize(10_000, 15_000, 1L << 30));
        assertTrue(heap.getMessage().contains("1.2 GB") && heap.getMessage().contains("driver memory"), heap.getMessage());
        EaseRecommender.checkSize(10_000, 15_000, 4L << 30); // 1.2 GB of a 4 GiB heap is fine
    }
}
