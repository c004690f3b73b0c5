package animerec.tune;

import java.util.List;
import java.util.Map;

/**
 * One finished trial: its number (0-based, the order trials were started), parameters (the model's strings),
 * state, objective value (validation NDCG@K) and tie-breaker (MAP@K), the steps (epochs) it reported and its
 * intermediate values there, timing and,
 * for a failure, the message.
 */
public record Trial(int number, Map<String, String> params, State state, double value, double tieBreak,
                    List<Integer> steps, List<Double> intermediate, double seconds, String message) {
    /** Optuna's trial states (RUNNING trials are never recorded as finished). */
    public enum State {
        COMPLETE, PRUNED, FAIL
    }

    /** Whether {@code this} is better than {@code other} (higher value, then higher tie-break, then lower number). */
    public boolean betterThan(Trial other) {
        if (other == null) {
            return true;
        }
        if (value != other.value) {
            return value > other.value;
        }
        if (tieBreak != other.tieBreak) {
            return tieBreak > other.tieBreak;
        }
        return number < other.number;
    }
}
