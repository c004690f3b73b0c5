package animerec.model;

import java.io.Serializable;

/**
 * Follows a fit that runs in epochs ({@link EpochTrainable}): progress after every epoch and, when asked for, the
 * model as it is after an epoch (a pruner scores it).
 */
@FunctionalInterface
public interface EpochListener extends Serializable {
    /** After every epoch, with the epoch (1-based) and its wall seconds. */
    void epochDone(int epoch, double seconds);

    /** Whether to hand {@link #snapshot} the model as it is after {@code epoch}. */
    default boolean wantsSnapshot(int epoch) {
        return false;
    }

    /** The model after {@code epoch} (valid during the call only); may throw to stop training. */
    default void snapshot(int epoch, RecommenderModel model) {
    }
}
