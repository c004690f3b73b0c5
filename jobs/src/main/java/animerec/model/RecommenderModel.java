package animerec.model;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A fitted model (Spark's Model side). Every family returns top-K per user as a Dataset with columns
 * {@code user_id, anime_id, rank (1-based), score}, never listing an item the user has in {@code seen}.
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

    /** Whether {@link #predict} gives rating estimates (rating models) — popularity does not. */
    default boolean predictsRatings() {
        return false;
    }

    /**
     * Rating estimates for {@code pairs} ({@code user_id, anime_id}): adds a double column {@code prediction}
     * and a boolean {@code impossible} (the model had to fall back).
     */
    default Dataset<Row> predict(Dataset<Row> pairs) {
        throw new UnsupportedOperationException(family() + " does not predict ratings");
    }

    /**
     * A line to tell the user when some of {@code users} get fallback recommendations (for example, no
     * history: popularity instead); null when every user is served by the model itself.
     */
    default String fallbackNote(Dataset<Row> users) {
        return null;
    }

    /**
     * Cold start for a brand-new user known only by items they like: top-{@code k} other items
     * ({@code anime_id, rank, score}). Only models that can place items without a user history offer it.
     */
    default Dataset<Row> recommendForLiked(java.util.List<Long> liked, int k) {
        throw new animerec.util.UserError(family() + " cannot recommend from liked items alone; "
                + "use a content model (genre, tfidf, embedding)");
    }

    /**
     * Top-{@code k} for each user among {@code candidates} ({@code anime_id}) only — for example items nobody
     * had interacted with at training time (item cold start). Models that cannot place such items say so.
     */
    default Dataset<Row> recommendAmong(Dataset<Row> users, Dataset<Row> candidates, Dataset<Row> seen, int k) {
        throw new animerec.util.UserError(family() + " cannot rank a given candidate set");
    }

    /**
     * Why this model would recommend each pair ({@code user_id, anime_id}), given the users' history
     * {@code seen}: {@code user_id, anime_id, why} (a short text). Null when the model cannot say.
     */
    default Dataset<Row> reasons(Dataset<Row> pairs, Dataset<Row> seen) {
        return null;
    }

    /** What the fit learned beyond the parameters (a hybrid's weights, for example), as JSON; null when nothing. */
    default com.fasterxml.jackson.databind.JsonNode report() {
        return null;
    }

    /** Writes the model's data under {@code path} (a folder that does not exist yet). */
    void save(String path);
}
