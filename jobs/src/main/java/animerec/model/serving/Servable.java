package animerec.model.serving;

import animerec.model.ParamMap;
import animerec.model.Recommender;

/**
 * A model family whose saved models can be served from memory ({@code animerec serve}): {@link #serving} reads a
 * saved model's data folder without Spark (factors, neighbour lists, item scores) into a {@link ServingModel} that
 * answers one query at a time.
 */
public interface Servable extends Recommender {
    /**
     * A saved model that this code cannot serve from memory however sound its files (a hybrid with a component of a
     * family that is not servable): serve leaves it out when it was not named. Any other failure to read a saved
     * model (a missing or corrupt table or file) fails serve's start-up.
     */
    final class NotServable extends animerec.util.UserError {
        private static final long serialVersionUID = 1L;

        public NotServable(String message) {
            super(message);
        }
    }

    /**
     * Whether {@code animerec recommend} may export this family's lists from memory (its {@link ServingModel}, no
     * Spark job) when the master is local. A family says yes only when its served lists and the export's columns are
     * the batch's: not a hybrid (its export lists sources and reasons) nor a content model (its export notes the
     * users without usable features), which the Spark job computes. No by default.
     */
    default boolean exportsFromMemory() {
        return false;
    }

    /** The model saved at {@code saved}, fitted with {@code params}, in memory. */
    ServingModel serving(SavedModel saved, ParamMap params);
}
