package animerec.model.als;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.data.Columns;
import animerec.testing.ClusteredInteractions;
import animerec.testing.SparkTestSupport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The distributed trainer against what it must compute: after the last half-step (users), every user's factors
 * solve that user's normal equations against the final item factors, written out here independently from the
 * collected tables; the block layout does not change the solution; the seed fixes the bits.
 */
class BlockedAlsTest {
    private static final int K = 5;

    private static Dataset<Row> ratings(SparkSession spark) {
        Dataset<Row> d = ClusteredInteractions.interactions(spark, 90, 60, 3, 8, 3, 21);
        // ratings 1..5 from the ids, so explicit mode has something to fit
        return d.select(col(Columns.USER), col(Columns.ITEM),
                col(Columns.USER).plus(col(Columns.ITEM)).mod(5).plus(1).cast("double").as(Columns.RATING));
    }

    private static BlockedAls.Settings settings(boolean implicit, int cgSteps, int userBlocks, int itemBlocks) {
        return new BlockedAls.Settings(K, 4, 0.1, implicit, 0.5, cgSteps, userBlocks, itemBlocks, 2);
    }

    /** id → factors. */
    private static Map<Long, float[]> vectors(Dataset<Row> index, Dataset<Row> factors, String idColumn, String indexColumn) {
        Map<Long, float[]> out = new HashMap<>();
        for (Row r : index.join(factors.withColumnRenamed("id", indexColumn), indexColumn).select(idColumn, "features").collectAsList()) {
            List<Float> v = r.getList(1);
            float[] f = new float[v.size()];
            for (int a = 0; a < f.length; a++) {
                f[a] = v.get(a);
            }
            out.put(r.getLong(0), f);
        }
        return out;
    }

    private static Map<Long, float[]> users(BlockedAls.Result r) {
        return vectors(r.users(), r.userFactors(), Columns.USER, AlsModel.USER_INDEX);
    }

    private static Map<Long, float[]> items(BlockedAls.Result r) {
        return vectors(r.items(), r.itemFactors(), Columns.ITEM, AlsModel.ITEM_INDEX);
    }

    @Test
    void everyUserSolvesItsNormalEquationsAgainstTheFinalItems() {
        SparkSession spark = SparkTestSupport.spark();
        Dataset<Row> ratings = ratings(spark);
        List<Row> rows = ratings.collectAsList();
        for (boolean implicit : new boolean[] {true, false}) {
            BlockedAls.Result r = BlockedAls.train(ratings, settings(implicit, 0, 3, 2), 7);
            Map<Long, float[]> users = users(r);
            Map<Long, float[]> items = items(r);
            assertEquals(rows.stream().map(x -> x.getLong(0)).distinct().count(), users.size());
            assertEquals(rows.stream().map(x -> x.getLong(1)).distinct().count(), items.size());
            double[] gram = new double[K * K];
            if (implicit) {
                for (float[] y : items.values()) {
                    for (int f = 0; f < K; f++) {
                        for (int h = 0; h < K; h++) {
                            gram[f * K + h] += y[f] * y[h];
                        }
                    }
                }
            }
            double worst = 0;
            for (Map.Entry<Long, float[]> u : users.entrySet()) {
                float[] x = u.getValue();
                double[] ax = new double[K];
                double[] b = new double[K];
                int n = 0;
                for (Row t : rows) {
                    if (t.getLong(0) != u.getKey()) {
                        continue;
                    }
                    n++;
                    float[] y = items.get(t.getLong(1));
                    double rating = t.getDouble(2);
                    double w = implicit ? 0.5 * rating : 1;
                    double target = implicit ? 1 + 0.5 * rating : rating;
                    double dot = 0;
                    for (int f = 0; f < K; f++) {
                        dot += x[f] * (double) y[f];
                    }
                    for (int f = 0; f < K; f++) {
                        ax[f] += w * dot * y[f];
                        b[f] += target * y[f];
                    }
                }
                double scale = 0;
                double res = 0;
                for (int f = 0; f < K; f++) {
                    double g = 0;
                    for (int h = 0; h < K; h++) {
                        g += gram[f * K + h] * x[h];
                    }
                    double e = ax[f] + g + 0.1 * n * x[f] - b[f];
                    res += e * e;
                    scale += b[f] * b[f];
                }
                worst = Math.max(worst, Math.sqrt(res / scale));
            }
            assertTrue(worst < 1e-4, "implicit " + implicit + ": worst relative residual " + worst);
        }
    }

    @Test
    void theBlockLayoutDoesNotChangeTheSolutionAndTheSeedFixesTheBits() {
        SparkSession spark = SparkTestSupport.spark();
        Dataset<Row> ratings = ratings(spark);
        Map<Long, float[]> one = users(BlockedAls.train(ratings, settings(true, 3, 1, 1), 11));
        Map<Long, float[]> many = users(BlockedAls.train(ratings, settings(true, 3, 3, 2), 11));
        assertEquals(one.keySet(), many.keySet());
        double worst = 0;
        for (Map.Entry<Long, float[]> e : one.entrySet()) {
            for (int f = 0; f < K; f++) {
                worst = Math.max(worst, Math.abs(e.getValue()[f] - many.get(e.getKey())[f]));
            }
        }
        assertTrue(worst < 1e-3, "1×1 vs 3×2 blocks: largest factor difference " + worst);

        BlockedAls.Result a = BlockedAls.train(ratings, settings(true, 3, 3, 2), 11);
        BlockedAls.Result b = BlockedAls.train(ratings.repartition(5).orderBy(col(Columns.ITEM).desc()), settings(true, 3, 3, 2), 11);
        assertEquals(a.userFactors().orderBy("id").collectAsList(), b.userFactors().orderBy("id").collectAsList(),
                "the same seed and blocks give the same bits whatever the input order");
        assertEquals(a.itemFactors().orderBy("id").collectAsList(), b.itemFactors().orderBy("id").collectAsList());
        Map<Long, float[]> otherSeed = users(BlockedAls.train(ratings, settings(true, 3, 3, 2), 12));
        assertTrue(otherSeed.entrySet().stream().anyMatch(e -> !java.util.Arrays.equals(e.getValue(), many.get(e.getKey()))),
                "another seed, other factors");
    }
}
