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
        double[] evaluate(int number, Map<String, String> params) throws Exception;
    }

    private final String name;
    private final StudyJournal journal;
    private final Sampler sampler;
    private final int trials;
    private final double timeoutSeconds;

    public Study(String name, Path dir, Sampler sampler, int trials, double timeoutSeconds) {
        this.name = name;
        this.journal = new StudyJournal(dir.resolve("journal.jsonl"));
        this.sampler = sampler;
        this.trials = trials;
        this.timeoutSeconds = timeoutSeconds;
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
            Trial t;
            try {
                double[] v = objective.evaluate(n, params);
                t = new Trial(n, params, Trial.State.COMPLETE, v[0], v[1], List.of(), (System.nanoTime() - t0) / 1e9, null);
            } catch (Exception e) {
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                t = new Trial(n, params, Trial.State.FAIL, Double.NaN, Double.NaN, List.of(), (System.nanoTime() - t0) / 1e9, message);
            }
            journal.finished(t);
            done.add(t);
            done.sort(Comparator.comparingInt(Trial::number));
            onTrial.accept(t);
        }
        return done;
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
