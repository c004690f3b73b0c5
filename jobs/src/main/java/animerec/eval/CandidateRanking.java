package animerec.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

import animerec.data.Columns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Top-K over a small candidate set for every user, for scores that do not depend on the user (popularity) or
 * are seeded noise (the random baseline). Users × candidates is materialised, so it is meant for candidate
 * sets of hundreds or a few thousand items, such as the held-out items of a cold-items split.
 */
public final class CandidateRanking {
    private CandidateRanking() {
    }

    /**
     * @param itemScores {@code anime_id, score}
     * @return {@code user_id, anime_id, rank, score}, higher score first, ties by lower id
     */
    public static Dataset<Row> topK(Dataset<Row> users, Dataset<Row> itemScores, Dataset<Row> seen, int k) {
        Dataset<Row> pairs = users.select(Columns.USER).distinct().crossJoin(itemScores.select(Columns.ITEM, Columns.SCORE))
                .join(seen.select(Columns.USER, Columns.ITEM), new String[] {Columns.USER, Columns.ITEM}, "left_anti");
        return ranked(pairs, k);
    }

    /** Each user's candidates in a seeded random order: the baseline any model should beat. */
    public static Dataset<Row> random(Dataset<Row> users, Dataset<Row> candidates, Dataset<Row> seen, int k, long seed) {
        Dataset<Row> pairs = users.select(Columns.USER).distinct().crossJoin(candidates.select(Columns.ITEM).distinct())
                .join(seen.select(Columns.USER, Columns.ITEM), new String[] {Columns.USER, Columns.ITEM}, "left_anti")
                .withColumn(Columns.SCORE, xxhash64(col(Columns.USER), col(Columns.ITEM), lit(seed)).cast("double"));
        return ranked(pairs, k);
    }

    private static Dataset<Row> ranked(Dataset<Row> pairs, int k) {
        return pairs.withColumn(Columns.RANK, row_number().over(Window.partitionBy(col(Columns.USER))
                        .orderBy(col(Columns.SCORE).desc(), col(Columns.ITEM))))
                .filter(col(Columns.RANK).leq(k))
                .select(col(Columns.USER), col(Columns.ITEM), col(Columns.RANK), col(Columns.SCORE));
    }
}
