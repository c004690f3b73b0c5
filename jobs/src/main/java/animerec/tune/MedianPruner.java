package animerec.tune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Optuna's median pruner: a trial that reports its validation value at step s is stopped when its best value so
 * far is worse than the median of the values the completed trials reported at step s — once at least
 * {@code nStartupTrials} trials have completed and after {@code nWarmupSteps} steps.
 */
public final class MedianPruner {
    private final int nStartupTrials;
    private final int nWarmupSteps;

    public MedianPruner(int nStartupTrials, int nWarmupSteps) {
        this.nStartupTrials = nStartupTrials;
        this.nWarmupSteps = nWarmupSteps;
    }

    /**
     * @param step      the step just reported (1-based: the epoch)
     * @param steps     the trial's reported steps so far, in order
     * @param values    its values at those steps
     * @param finished  trials finished before this one
     */
    public boolean prune(int step, List<Integer> steps, List<Double> values, List<Trial> finished) {
        if (step <= nWarmupSteps) {
            return false;
        }
        List<Trial> complete = finished.stream().filter(t -> t.state() == Trial.State.COMPLETE).toList();
        if (complete.size() < nStartupTrials) {
            return false;
        }
        List<Double> atStep = new ArrayList<>();
        for (Trial t : complete) {
            int i = t.steps().indexOf(step);
            if (i >= 0) {
                atStep.add(t.intermediate().get(i));
            }
        }
        if (atStep.isEmpty()) {
            return false;
        }
        Collections.sort(atStep);
        int n = atStep.size();
        double median = n % 2 == 1 ? atStep.get(n / 2) : (atStep.get(n / 2 - 1) + atStep.get(n / 2)) / 2;
        double best = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NEGATIVE_INFINITY);
        return best < median;
    }
}
