package animerec.model;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Cold start: a model that can place items for a brand-new user known only by items they like (content models). */
public interface LikedItemsRecommender extends RecommenderModel {
    /** Top-{@code k} other items ({@code anime_id, rank, score}) for a user who likes {@code liked}. */
    Dataset<Row> recommendForLiked(List<Long> liked, int k);
}
