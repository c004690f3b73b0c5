package animerec.model.ease;

import static org.apache.spark.sql.functions.col;

import animerec.data.Columns;
import animerec.data.DenseIds;
import animerec.model.DataTooLarge;
import animerec.model.Param;
import animerec.model.FamilyTraits;
import animerec.model.ParamMap;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import animerec.spark.Caching;
import animerec.util.UserError;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code ease}: Steck's EASE (2019), a closed-form item-item model on the binary interaction matrix X (every
 * interaction counts, rated or not). With P = (XᵀX + λI)⁻¹, the weights are B = I − P·diag(1/diag(P)), that is
 * B_ij = −P_ij / P_jj off the diagonal and 0 on it, and a user's scores are their row of X·B. XᵀX is computed
 * distributed ({@link GramMatrix}); the n × n inverse runs on the driver ({@link SpdInverse}), so the catalogue
 * is limited by {@code max_items} and by the driver's heap, checked before any work.
 */
public final class EaseRecommender implements Recommender {
    static final Param<Double> LAMBDA = Param.doubleParam("lambda", "L2 regularisation added to the diagonal of X^T X",
            300, 1e-6, 1e12);
    static final Param<Integer> MAX_ITEMS = Param.intParam("max_items",
            "refuse a catalogue of more training items than this (the driver holds n x n matrices)", 15_000, 1, 46_340);

    /** Bytes the driver holds at the peak: the double n × n inverse and the float weights. */
    static long memoryBytes(long n) {
        return 12L * n * n;
    }

    @Override
    public String name() {
        return "ease";
    }

    @Override
    public FamilyTraits traits() {
        return FamilyTraits.COLLABORATIVE;
    }

    @Override
    public String description() {
        return "EASE (Steck 2019): closed-form item-item weights B = I - P/diag(P), P = (X^T X + lambda I)^-1 (ranking)";
    }

    @Override
    public List<Param<?>> params() {
        return List.of(LAMBDA, MAX_ITEMS);
    }

    @Override
    public RecommenderModel fit(TrainingData data, ParamMap p, long seed) {
        Dataset<Row> seen = Caching.persist(data.interactions().select(Columns.USER, Columns.ITEM).distinct());
        try {
            Dataset<Row> index = DenseIds.index(seen, Columns.ITEM, "xi").persist(StorageLevel.MEMORY_AND_DISK());
            int n = (int) index.count();
            if (n == 0) {
                throw new UserError("ease: the training data has no interactions");
            }
            checkSize(n, p.get(MAX_ITEMS), Runtime.getRuntime().maxMemory());
            long[] ids = new long[n];
            for (Row r : index.collectAsList()) {
                ids[r.getInt(1)] = r.getLong(0);
            }
            long t0 = System.nanoTime();
            double[] g = GramMatrix.compute(seen.join(index, new String[] {Columns.ITEM}).select(col(Columns.USER), col("xi")), n);
            index.unpersist();
            long t1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "ease: X^T X of %,d items in %.1f s%n", n, (t1 - t0) / 1e9);
            double lambda = p.get(LAMBDA);
            for (int i = 0; i < n; i++) {
                g[i * n + i] += lambda;
            }
            try {
                SpdInverse.invert(g, n);
            } catch (ArithmeticException e) {
                throw new UserError("ease: X^T X + lambda I is not numerically positive definite at lambda=" + lambda
                        + " (" + e.getMessage() + "); raise lambda");
            }
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "ease: inverse (%s) in %.1f s%n",
                    dev.ludovic.netlib.blas.BLAS.getInstance().getClass().getSimpleName(), (t2 - t1) / 1e9);
            float[] b = weights(g, n);
            return new EaseModel(p, new EaseWeights(ids, b), new EaseModel.FitReport(n, (t1 - t0) / 1e9, (t2 - t1) / 1e9));
        } finally {
            seen.unpersist();
        }
    }

    /** Refuses a catalogue over the limit, or one whose matrices would not fit in the driver's heap. */
    static void checkSize(int n, int maxItems, long heapBytes) {
        String need = String.format(Locale.ROOT, "%.1f GB", memoryBytes(n) / 1e9);
        if (n > maxItems) {
            throw new DataTooLarge(String.format(Locale.ROOT, "ease: the training data has %,d items, over the limit "
                    + "max_items=%,d (EASE holds n x n matrices on the driver: about %s here); use item-knn for a "
                    + "catalogue this large, or raise max_items with enough driver memory", n, maxItems, need));
        }
        if (memoryBytes(n) > 0.7 * heapBytes) {
            throw new DataTooLarge(String.format(Locale.ROOT, "ease: %,d items need about %s on the driver, more than "
                    + "70%% of its heap (%.1f GB); raise the driver memory (ANIMEREC_DRIVER_MEMORY, spark.driver.memory) "
                    + "or use item-knn", n, need, heapBytes / 1e9));
        }
    }

    /** B = I − P·diag(1/diag(P)), row-major: B[i][j] = −P_ij / P_jj, zero diagonal. */
    static float[] weights(double[] pInv, int n) {
        float[] b = new float[n * n];
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                b[row + j] = i == j ? 0f : (float) (-pInv[row + j] / pInv[j * n + j]);
            }
        }
        return b;
    }

    @Override
    public RecommenderModel load(SparkSession spark, String path, ParamMap params) {
        return EaseModel.load(spark, path, params);
    }
}
