package animerec.model;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a model family fits on: the training interactions ({@code user_id, anime_id, rating, timestamp}) and,
 * when the dataset has them, the item metadata ({@code items} table of the data contract; null otherwise).
 * Collaborative models read the interactions only; content models need the items.
 */
public record TrainingData(Dataset<Row> interactions, Dataset<Row> items) {
    public static TrainingData of(Dataset<Row> interactions) {
        return new TrainingData(interactions, null);
    }

    public boolean hasItems() {
        return items != null;
    }
}
