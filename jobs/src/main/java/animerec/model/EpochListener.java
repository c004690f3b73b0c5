package animerec.model;

import animerec.util.Progress;
import java.io.Serializable;

/**
 * Follows a fit that runs in epochs ({@link EpochTrainable}): progress after every epoch and, when asked for, the
 * model as it is after an epoch (a pruner scores it).
 */
@FunctionalInterface
public interface EpochListener extends Serializable {
    /** After every epoch, with the epoch (1-based) and its wall seconds. */
    void epochDone(int epoch, double seconds);

    /**
     * A listener that prints "{@code model}: epoch e/epochs, s s each, t s so far": after the first and the last epoch
     * and otherwise at most every two seconds, so that fast epochs do not flood the console.
     */
    static EpochListener progress(String model, int epochs) {
        return new EpochListener() {
            private double total;
            private double lastPrinted = Double.NEGATIVE_INFINITY;

            @Override
            public void epochDone(int epoch, double seconds) {
                total += seconds;
                if (epoch == 1 || epoch == epochs || total - lastPrinted >= 2.0) {
                    lastPrinted = total;
                    Progress.line("  %s: epoch %d/%d, %.2f s, %.1f s so far", model, epoch, epochs, seconds, total);
                }
            }
        };
    }

    /** Whether to hand {@link #snapshot} the model as it is after {@code epoch}. */
    default boolean wantsSnapshot(int epoch) {
        return false;
    }

    /** The model after {@code epoch} (valid during the call only); may throw to stop training. */
    default void snapshot(int epoch, RecommenderModel model) {
    }
}
