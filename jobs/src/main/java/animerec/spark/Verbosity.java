package animerec.spark;

/**
 * How much a command prints besides its results: {@code --quiet}, the default, or {@code --verbose}.
 * Applied when the SparkSession starts ({@link SparkSessions}).
 */
public enum Verbosity {
    /** No progress lines ({@code animerec.util.Progress}) and no Spark console progress bar. */
    QUIET,
    /** Progress lines; Spark's console progress bar on a terminal; Spark logs at WARN. */
    NORMAL,
    /** As NORMAL, with Spark's own log at INFO (and no console progress bar, which INFO lines would break up). */
    VERBOSE
}
