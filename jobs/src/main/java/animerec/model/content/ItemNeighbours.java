package animerec.model.content;

import static org.apache.spark.sql.functions.col;

import animerec.data.Columns;
import animerec.model.factor.BlockedTopKScorer;
import animerec.util.UserError;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Item-to-item neighbours by cosine: every item's top-N most similar other items, from unit-length item
 * vectors ({@link ItemFeatures}), computed block by block with {@link SparseTopK} — no items × items matrix
 * is formed anywhere. Items without features have no neighbours and are no one's neighbour.
 */
public final class ItemNeighbours {
    public static final String NEIGHBOUR = "neighbour_id";
    public static final String SIMILARITY = "similarity";
    public static final StructType SCHEMA = new StructType()
            .add(Columns.ITEM, DataTypes.LongType, false)
            .add(NEIGHBOUR, DataTypes.LongType, false)
            .add(Columns.RANK, DataTypes.IntegerType, false)
            .add(SIMILARITY, DataTypes.DoubleType, false);

    private ItemNeighbours() {
    }

    /**
     * Top-{@code n} neighbours of every item: {@code anime_id, neighbour_id, rank, similarity}. Sparse vectors
     * (genre, TF-IDF) go through {@link SparseTopK}; dense ones (embeddings) through the dense
     * {@link BlockedTopKScorer}, which multiplies blocks with tight float loops instead of walking postings.
     *
     * @param broadcastLimitBytes item features up to this size are broadcast; above it, blocks are paired
     */
    public static Dataset<Row> all(Dataset<Row> vectors, int n, long broadcastLimitBytes) {
        return all(vectors, n, new SparseTopK(2048, 4096, broadcastLimitBytes),
                new BlockedTopKScorer(1024, 4096, broadcastLimitBytes));
    }

    /** As above with explicit kernels; {@code dense} null means the sparse kernel for every input. */
    public static Dataset<Row> all(Dataset<Row> vectors, int n, SparseTopK sparse, BlockedTopKScorer dense) {
        if (dense != null && DenseVectors.isDense(vectors)) {
            Dataset<Row> f = DenseVectors.asFactors(vectors, Columns.ITEM);
            Dataset<Row> asUsers = f.withColumnRenamed(Columns.ITEM, Columns.USER);
            Dataset<Row> self = f.select(col(Columns.ITEM).as(Columns.USER), col(Columns.ITEM));
            return dense.recommend(asUsers, f, asUsers.select(Columns.USER), self, n)
                    .select(col(Columns.USER).as(Columns.ITEM), col(Columns.ITEM).as(NEIGHBOUR), col(Columns.RANK),
                            col(Columns.SCORE).as(SIMILARITY));
        }
        JavaRDD<SparseTopK.Row> rows = ItemFeatures.rows(vectors).filter(r -> r.indices().length > 0);
        JavaRDD<Row> out = sparse.topK(rows, rows, n, true).flatMap(SparseTopK::rows);
        return vectors.sparkSession().createDataFrame(out, SCHEMA);
    }

    /** One neighbour, for printing. */
    public record Neighbour(long item, int rank, double similarity) {
    }

    /** Top-{@code k} neighbours of one item; an item not in {@code vectors} is a {@link UserError}. */
    public static List<Neighbour> of(Dataset<Row> vectors, long item, int k, SparseTopK kernel) {
        List<Row> found = vectors.filter(vectors.col(Columns.ITEM).equalTo(item)).limit(1).collectAsList();
        if (found.isEmpty()) {
            throw new UserError("item " + item + " is not in the catalogue");
        }
        SparseTopK.Row query = ItemFeatures.sparseRow(item, (Vector) found.get(0).get(1), null);
        List<Neighbour> out = new ArrayList<>();
        if (query.indices().length == 0) {
            return out; // no features: nothing is similar
        }
        SparkSession spark = vectors.sparkSession();
        JavaRDD<SparseTopK.Row> q = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(List.of(query), 1);
        JavaRDD<SparseTopK.Row> targets = ItemFeatures.rows(vectors).filter(r -> r.indices().length > 0);
        for (SparseTopK.Result r : kernel.topK(q, targets, k, true).collect()) {
            for (int i = 0; i < r.targets().length; i++) {
                out.add(new Neighbour(r.targets()[i], i + 1, r.scores()[i]));
            }
        }
        return out;
    }
}
