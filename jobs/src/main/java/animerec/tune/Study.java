package animerec.tune;

import animerec.util.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a study: trial numbers 0..n-1 in order, each sampled from the trials finished before it, run through the
 * objective and journalled. A trial that throws is recorded as FAIL with its message and the study goes on.
 * On resume, finished trials are replayed from the journal and only the missing numbers run; because trial n
 * always sees trials 0..n-1, a resumed study samples exactly what an uninterrupted one would. After every
 * trial the caller's {@code onTrial} writes the study's summary files.
 */
public final class Study {
    /** The objective: validation value and tie-break for the given parameters. */
    public interface Objective {
        double[] evaluate(int number, Map<String, String> params, Reporter reporter) throws Exception;
    }

    /** How an iterative objective reports its validation value after a step; may stop the trial. */
    public interface Reporter {
        /** @throws Pruned when the pruner stops the trial */
        void report(int step, double value);
    }

    /** Thrown by {@link Reporter#report} to stop a trial the pruner gave up on. */
    public static final class Pruned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Pruned(int step) {
            super("pruned at step " + step, null, false, false);
        }
    }

    private final String name;
    private final StudyJournal journal;
    private final Sampler sampler;
    private final int trials;
    private final double timeoutSeconds;
    private final MedianPruner pruner;

    public Study(String name, Path dir, Sampler sampler, int trials, double timeoutSeconds) {
        this(name, dir, sampler, trials, timeoutSeconds, null);
    }

    /** @param pruner null: no pruning */
    public Study(String name, Path dir, Sampler sampler, int trials, double timeoutSeconds, MedianPruner pruner) {
        this.name = name;
        this.journal = new StudyJournal(dir.resolve("journal.jsonl"));
        this.sampler = sampler;
        this.trials = trials;
        this.timeoutSeconds = timeoutSeconds;
        this.pruner = pruner;
    }

    public String name() {
        return name;
    }

    public List<Trial> finished() {
        List<Trial> done = new ArrayList<>(journal.replay());
        done.sort(Comparator.comparingInt(Trial::number));
        return done;
    }

    /**
     * @param resume continue the study in its journal; without it, an existing journal is an error
     */
    public List<Trial> run(Objective objective, boolean resume, Consumer<Trial> onTrial) {
        if (!resume && Files.exists(journal.file())) {
            throw new UserError("study '" + name + "' already exists (" + journal.file() + "); pass --resume to continue it "
                    + "or choose another --study name");
        }
        long start = System.nanoTime();
        journal.repairTail();
        List<Trial> done = finished();
        for (int number = 0; number < trials; number++) {
            final int n = number;
            if (done.stream().anyMatch(t -> t.number() == n)) {
                continue;
            }
            if (timeoutSeconds > 0 && (System.nanoTime() - start) / 1e9 >= timeoutSeconds) {
                break;
            }
            List<Trial> before = done.stream().filter(t -> t.number() < n).toList();
            Map<String, String> params = sampler.sample(n, before);
            journal.started(n, params);
            long t0 = System.nanoTime();
            List<Integer> steps = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            Reporter reporter = (step, value) -> {
                steps.add(step);
                values.add(value);
                if (pruner != null && pruner.prune(step, steps, values, before)) {
                    throw new Pruned(step);
                }
            };
            Trial t;
            try {
                double[] v = objective.evaluate(n, params, reporter);
                t = new Trial(n, params, Trial.State.COMPLETE, v[0], v[1], List.copyOf(steps), List.copyOf(values),
                        (System.nanoTime() - t0) / 1e9, null);
            } catch (Exception e) {
                Pruned pruned = prunedCause(e);
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (pruned != null) {
                    t = new Trial(n, params, Trial.State.PRUNED, values.get(values.size() - 1), Double.NaN, List.copyOf(steps),
                            List.copyOf(values), seconds, pruned.getMessage());
                } else {
                    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    t = new Trial(n, params, Trial.State.FAIL, Double.NaN, Double.NaN, List.copyOf(steps), List.copyOf(values),
                            seconds, message);
                }
            }
            journal.finished(t);
            done.add(t);
            done.sort(Comparator.comparingInt(Trial::number));
            onTrial.accept(t);
        }
        return done;
    }

    private static Pruned prunedCause(Throwable e) {
        for (Throwable x = e; x != null; x = x.getCause()) {
            if (x instanceof Pruned p) {
                return p;
            }
        }
        return null;
    }

    /** The best complete trial, or null. */
    public static Trial best(List<Trial> trials) {
        Trial best = null;
        for (Trial t : trials) {
            if (t.state() == Trial.State.COMPLETE && t.betterThan(best)) {
                best = t;
            }
        }
        return best;
    }
}
