package animerec.model;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a model family fits on: the training interactions ({@code user_id, anime_id, rating, timestamp}) and,
 * when the dataset has them, the item metadata ({@code items} table of the data contract; null otherwise).
 * Collaborative models read the interactions only; content models need the items. {@code fits} is the caller's
 * {@link FitCache} that families fitting other families (the hybrids) share fits through; {@link FitCache#none()}
 * when the caller keeps none.
 */
public record TrainingData(Dataset<Row> interactions, Dataset<Row> items, FitCache fits) {
    public TrainingData {
        fits = fits == null ? FitCache.none() : fits;
    }

    public TrainingData(Dataset<Row> interactions, Dataset<Row> items) {
        this(interactions, items, FitCache.none());
    }

    public static TrainingData of(Dataset<Row> interactions) {
        return new TrainingData(interactions, null);
    }

    public boolean hasItems() {
        return items != null;
    }

    /** Other interactions with the same items and cache (a carve-out of these). */
    public TrainingData withInteractions(Dataset<Row> other) {
        return new TrainingData(other, items, fits);
    }
}
