package animerec.model.serving;

import animerec.model.ParamMap;
import animerec.model.Recommender;

/**
 * A model family whose saved models can be served from memory ({@code animerec serve}): {@link #serving} reads a
 * saved model's data folder without Spark (factors, neighbour lists, item scores) into a {@link ServingModel} that
 * answers one query at a time.
 */
public interface Servable extends Recommender {
    /** The model saved at {@code saved}, fitted with {@code params}, in memory. */
    ServingModel serving(SavedModel saved, ParamMap params);
}
