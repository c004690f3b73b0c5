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
        return run(objective, resume, onTrial, 1);
    }

    /**
     * @param parallel trials run at once. Above 1 the sampler must be {@link Sampler#independent} (random, grid):
     *                 then every trial gets the parameters and result it gets sequentially, and only the order in
     *                 which trials finish (and are journalled) differs. TPE and the pruner need the finished
     *                 trials before each one, so they run one trial at a time.
     */
    public List<Trial> run(Objective objective, boolean resume, Consumer<Trial> onTrial, int parallel) {
        if (parallel > 1 && (!sampler.independent() || pruner != null)) {
            throw new UserError("--parallel " + parallel + " needs a sampler whose trials do not depend on earlier ones "
                    + "(random or grid) and no pruner; TPE and the median pruner run trials one at a time");
        }
        if (!resume && Files.exists(journal.file())) {
            throw new UserError("study '" + name + "' already exists (" + journal.file() + "); pass --resume to continue it "
                    + "or choose another --study name");
        }
        long start = System.nanoTime();
        journal.repairTail();
        List<Trial> done = java.util.Collections.synchronizedList(new ArrayList<>(finished()));
        List<Integer> todo = new ArrayList<>();
        for (int number = 0; number < trials; number++) {
            final int n = number;
            if (done.stream().noneMatch(t -> t.number() == n)) {
                todo.add(n);
            }
        }
        if (parallel <= 1) {
            for (int n : todo) {
                if (timeoutSeconds > 0 && (System.nanoTime() - start) / 1e9 >= timeoutSeconds) {
                    break;
                }
                List<Trial> before;
                synchronized (done) {
                    before = done.stream().filter(t -> t.number() < n).sorted(Comparator.comparingInt(Trial::number)).toList();
                }
                Trial t = runTrial(n, sampler.sample(n, before), before, objective);
                done.add(t);
                onTrial.accept(t);
            }
        } else {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(parallel);
            try {
                List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
                for (int n : todo) {
                    futures.add(pool.submit(() -> {
                        if (timeoutSeconds > 0 && (System.nanoTime() - start) / 1e9 >= timeoutSeconds) {
                            return;
                        }
                        Trial t = runTrial(n, sampler.sample(n, List.of()), List.of(), objective);
                        done.add(t);
                        synchronized (this) {
                            onTrial.accept(t);
                        }
                    }));
                }
                for (java.util.concurrent.Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        List<Trial> out = new ArrayList<>(done);
        out.sort(Comparator.comparingInt(Trial::number));
        return out;
    }

    private Trial runTrial(int n, Map<String, String> params, List<Trial> before, Objective objective) {
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
        return t;
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
