package animerec.util;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Lines a person follows during long work (an epoch, a weight-search pass, a feature kind, a step's wall time), on
 * standard error so that a command's own output (a CSV on standard output) stays clean. {@code --quiet} silences them.
 */
public final class Progress {
    private static volatile boolean quiet;
    private static volatile boolean eraseLineFirst;

    private Progress() {
    }

    /** Silences (or restores) every progress line of this JVM. */
    public static void quiet(boolean value) {
        quiet = value;
    }

    public static boolean isQuiet() {
        return quiet;
    }

    /**
     * Whether each line first erases the terminal line it starts on: on while Spark's console progress bar may be
     * showing (it ends with a carriage return, so a line printed over it would keep the bar's tail).
     */
    public static void eraseLineFirst(boolean value) {
        eraseLineFirst = value;
    }

    /** One progress line, formatted with {@link Locale#ROOT}. */
    public static void line(String format, Object... args) {
        if (!quiet) {
            PrintStream err = System.err;
            String text = String.format(Locale.ROOT, format, args);
            err.println(eraseLineFirst ? "\r\u001b[K" + text : text);
        }
    }

    /** Starts a timed step: {@link Step#done} prints its label and wall time. */
    public static Step step(String label) {
        return new Step(label, System.nanoTime());
    }

    /** Seconds since {@code startNanos} (a {@link System#nanoTime()} reading). */
    public static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** A step under way. */
    public static final class Step {
        private final String label;
        private final long start;

        private Step(String label, long start) {
            this.label = label;
            this.start = start;
        }

        /** Seconds since the step started. */
        public double seconds() {
            return Progress.seconds(start);
        }

        /** Prints "{label} done in N.N s" followed by {@code detail} when given. */
        public void done(String detail) {
            line("%s done in %.1f s%s", label, seconds(), detail == null || detail.isEmpty() ? "" : " (" + detail + ")");
        }

        public void done() {
            done(null);
        }
    }
}
