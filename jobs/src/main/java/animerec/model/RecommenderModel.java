package animerec.model;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A fitted model (Spark's Model side). Every family returns top-K per user as a Dataset with columns
 * {@code user_id, anime_id, rank (1-based), score}, never listing an item the user has in {@code seen}.
 *
 * <p>What else a model can do is a type it implements, asked for with {@code instanceof} on the capability (never on
 * a concrete family): {@link RatingPredictor}, {@link CandidateRanker}, {@link LikedItemsRecommender},
 * {@link Explainer}, {@link ExplainedRecommender}, {@link Reporting}, {@link FallbackAware}. A family that trains in
 * epochs and reports along the way is an {@link EpochTrainable}.
 */
public interface RecommenderModel {
    /** The registered name of the family that made it. */
    String family();

    ParamMap params();

    /**
     * Top-{@code k} items for each user in {@code users} (a column {@code user_id}), excluding each user's rows
     * of {@code seen} ({@code user_id, anime_id}). Users the model cannot score get no rows.
     */
    Dataset<Row> recommend(Dataset<Row> users, Dataset<Row> seen, int k);

    /** Writes the model's data under {@code path} (a folder that does not exist yet). */
    void save(String path);
}
