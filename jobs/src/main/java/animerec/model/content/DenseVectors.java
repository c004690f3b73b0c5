package animerec.model.content;

import static org.apache.spark.sql.functions.col;

import animerec.model.factor.BlockedTopKScorer;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Routing of dense feature vectors (embeddings) to the dense blocked scorer shared with factor models. */
final class DenseVectors {
    /** A matrix at least this full is scored densely. */
    static final double DENSE_FILL = 0.5;

    private DenseVectors() {
    }

    /** Whether the non-zero vectors of {@code vectors} ({@code id, vector}) fill at least half their entries. */
    static boolean isDense(Dataset<Row> vectors) {
        double[] sums = vectors.select(ItemFeatures.VECTOR).javaRDD()
                .map(r -> {
                    Vector v = (Vector) r.get(0);
                    int nnz = v.numNonzeros();
                    return nnz == 0 ? new double[] {0, 0} : new double[] {nnz, v.size()};
                })
                .fold(new double[] {0, 0}, (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
        return sums[1] > 0 && sums[0] / sums[1] >= DENSE_FILL;
    }

    /** {@link #isDense(Dataset)} over vectors in memory. */
    static boolean isDense(java.util.Collection<Vector> vectors) {
        double nnz = 0;
        double size = 0;
        for (Vector v : vectors) {
            int n = v.numNonzeros();
            if (n > 0) {
                nnz += n;
                size += v.size();
            }
        }
        return size > 0 && nnz / size >= DENSE_FILL;
    }

    /** {@code idColumn, vector array<float>} of the non-zero vectors, the blocked scorer's input. */
    static Dataset<Row> asFactors(Dataset<Row> vectors, String idColumn) {
        return vectors.filter((FilterFunction<Row>) r -> ((Vector) r.get(1)).numNonzeros() > 0)
                .select(col(idColumn), org.apache.spark.ml.functions.vector_to_array(col(ItemFeatures.VECTOR), "float32")
                        .as(BlockedTopKScorer.VECTOR));
    }
}
