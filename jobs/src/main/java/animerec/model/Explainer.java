package animerec.model;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A model that can say why it recommends an item to a user (item-knn: the user's items it is similar to). */
public interface Explainer extends RecommenderModel {
    /**
     * Why this model would recommend each pair ({@code user_id, anime_id}), given the users' history {@code seen}:
     * {@code user_id, anime_id, why} (a short text).
     */
    Dataset<Row> reasons(Dataset<Row> pairs, Dataset<Row> seen);
}
