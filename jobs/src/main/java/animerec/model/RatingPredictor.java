package animerec.model;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A model that estimates ratings (svd, knn, explicit als); the harness then also reports RMSE. */
public interface RatingPredictor extends RecommenderModel {
    /**
     * Rating estimates for {@code pairs} ({@code user_id, anime_id}): adds a double column {@code prediction}
     * and a boolean {@code impossible} (the model had to fall back).
     */
    Dataset<Row> predict(Dataset<Row> pairs);

    /** Whether this fitted model's estimates are ratings (an implicit-feedback ALS fit's are not). */
    default boolean predictsRatings() {
        return true;
    }
}
