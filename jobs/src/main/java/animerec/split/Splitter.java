package animerec.split;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

import animerec.data.Columns;
import animerec.util.UserError;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Per-user holdout splits, computed with window functions (no data on the driver). Random order comes
 * from a seeded hash of (user, item, seed), so a split depends only on the data and the seed — not on
 * partitioning or row order. Every user keeps at least one training interaction; a user with a single
 * interaction is all train.
 */
public final class Splitter {
    private Splitter() {
    }

    /** A train/test pair. */
    public record Split(Dataset<Row> train, Dataset<Row> test) {
    }

    public static Split split(Dataset<Row> interactions, SplitStrategy strategy, double testRatio, long seed) {
        if (strategy == SplitStrategy.GIVEN) {
            throw new IllegalArgumentException("a given split is imported, not computed");
        }
        if ((strategy == SplitStrategy.RANDOM || strategy == SplitStrategy.TEMPORAL || strategy == SplitStrategy.COLD_ITEMS)
                && !(testRatio > 0 && testRatio < 1)) {
            throw new UserError("test ratio must be between 0 and 1 (exclusive), got " + testRatio);
        }
        if (strategy == SplitStrategy.COLD_ITEMS) {
            return coldItems(interactions, testRatio, seed);
        }
        Column key = xxhash64(col(Columns.USER), col(Columns.ITEM), lit(seed));
        boolean hasTime = strategy != SplitStrategy.RANDOM
                && interactions.filter(col(Columns.TIMESTAMP).isNotNull()).limit(1).count() > 0;
        if (strategy == SplitStrategy.TEMPORAL && !hasTime) {
            throw new UserError("the temporal split needs timestamps, and the interactions have none");
        }
        WindowSpec byUser = Window.partitionBy(col(Columns.USER));
        WindowSpec ordered = hasTime
                ? byUser.orderBy(col(Columns.TIMESTAMP).desc_nulls_last(), key, col(Columns.ITEM))
                : byUser.orderBy(key, col(Columns.ITEM));
        Column n = count(lit(1)).over(byUser);
        Column testCount = strategy == SplitStrategy.LEAVE_ONE_OUT
                ? least(lit(1L), n.minus(1))
                : least(round(n.multiply(testRatio)).cast("long"), n.minus(1));
        Dataset<Row> marked = interactions
                .withColumn("_rn", row_number().over(ordered))
                .withColumn("_test", col("_rn").leq(testCount))
                .drop("_rn");
        String[] cols = interactions.columns();
        Column[] keep = java.util.Arrays.stream(cols).map(c -> col(c)).toArray(Column[]::new);
        return new Split(marked.filter(col("_test").equalTo(false)).select(keep),
                marked.filter(col("_test")).select(keep));
    }

    /**
     * round(n · ratio) of the n distinct items (at least 1, at most n − 1), chosen by a seeded hash of the item id,
     * go to test with every interaction they have.
     */
    private static Split coldItems(Dataset<Row> interactions, double testRatio, long seed) {
        Dataset<Row> items = interactions.select(Columns.ITEM).distinct();
        long n = items.count();
        if (n < 2) {
            throw new UserError("the cold-items split needs at least 2 distinct items, got " + n);
        }
        long cold = Math.max(1, Math.min(n - 1, Math.round(n * testRatio)));
        // one window over the distinct items only (the catalogue, not the interactions)
        Dataset<Row> chosen = items
                .withColumn("_rn", row_number().over(Window.orderBy(xxhash64(col(Columns.ITEM), lit(seed)), col(Columns.ITEM))))
                .filter(col("_rn").leq(cold))
                .select(Columns.ITEM);
        return new Split(interactions.join(chosen, new String[] {Columns.ITEM}, "left_anti").select(
                        java.util.Arrays.stream(interactions.columns()).map(c -> col(c)).toArray(Column[]::new)),
                interactions.join(chosen, new String[] {Columns.ITEM}, "left_semi"));
    }
}
