package animerec.spark;

import animerec.util.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the SparkSession every job uses: {@code local[*]} unless a master is given (by argument or
 * by {@code spark.master} from spark-submit), loopback networking for local runs, UTC session time, no UI,
 * and a checkpoint folder (long lineages otherwise overflow the stack).
 *
 * <p>The {@link Verbosity}: Spark's console progress bar ({@code spark.ui.showConsoleProgress}, shown once a stage has
 * run 500 ms) is on when this JVM has a terminal ({@link System#console()}: standard input and output both a
 * terminal) and neither --quiet nor --verbose is given; off otherwise, so that tests (a forked JVM without a
 * terminal), scripts and redirected runs get no carriage-return lines. {@code --conf spark.ui.showConsoleProgress=...}
 * decides instead when given, except under --quiet. --verbose sets Spark's log to INFO. A new session also prints,
 * as a progress line, which BLAS is in use ({@link Blas}).
 */
public final class SparkSessions {
    private static final AtomicLong REQUESTS = new AtomicLong();
    private static final String CONSOLE_PROGRESS = "spark.ui.showConsoleProgress";
    /** Set when --verbose raised Spark's log to INFO, so that a later command in the same JVM lowers it again. */
    private static volatile boolean verboseLog;

    private SparkSessions() {
    }

    /** How many times {@link #getOrCreate} was called in this JVM (tests check that a command refused before Spark). */
    public static long requests() {
        return REQUESTS.get();
    }

    public static SparkSession getOrCreate(String appName, String master, Map<String, String> extraConf) {
        return getOrCreate(appName, master, extraConf, Verbosity.NORMAL);
    }

    /**
     * The master a session started by {@link #getOrCreate} would get, without starting one: a {@code spark.master}
     * in {@code extraConf} (applied last), else {@code master}, else spark-submit's system property, else
     * {@code local[*]}.
     */
    public static String effectiveMaster(String master, Map<String, String> extraConf) {
        if (extraConf.containsKey("spark.master")) {
            return extraConf.get("spark.master");
        }
        if (master != null && !master.isBlank()) {
            return master;
        }
        return System.getProperty("spark.master", "local[*]");
    }

    public static SparkSession getOrCreate(String appName, String master, Map<String, String> extraConf,
                                           Verbosity verbosity) {
        REQUESTS.incrementAndGet();
        scala.Option<SparkSession> existing = SparkSession.getDefaultSession();
        if (existing.isDefined()) {
            // one session per JVM (commands run in-process by tests share it): apply what can change at runtime
            SparkSession spark = existing.get();
            extraConf.forEach((k, v) -> {
                if (spark.conf().isModifiable(k)) {
                    spark.conf().set(k, v);
                }
            });
            applyLogLevel(spark, verbosity);
            return spark;
        }
        SparkConf conf = new SparkConf(true).setAppName(appName);
        if (master != null && !master.isBlank()) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        boolean local = conf.get("spark.master").startsWith("local");
        if (local) {
            setIfAbsent(conf, "spark.driver.host", "127.0.0.1");
            setIfAbsent(conf, "spark.driver.bindAddress", "127.0.0.1");
            setIfAbsent(conf, "spark.ui.enabled", "false");
            setIfAbsent(conf, "spark.sql.shuffle.partitions",
                    String.valueOf(Math.max(4, 2 * Runtime.getRuntime().availableProcessors())));
        }
        setIfAbsent(conf, "spark.sql.session.timeZone", "UTC");
        setIfAbsent(conf, "spark.sql.adaptive.enabled", "true");
        for (Map.Entry<String, String> e : extraConf.entrySet()) {
            conf.set(e.getKey(), e.getValue());
        }
        if (verbosity == Verbosity.QUIET) {
            conf.set(CONSOLE_PROGRESS, "false");
        } else {
            setIfAbsent(conf, CONSOLE_PROGRESS, String.valueOf(verbosity == Verbosity.NORMAL && System.console() != null));
        }
        Blas.preferJava(); // before Spark or our code first touches netlib (see Blas)
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        // a progress line printed while the bar shows must first erase it (the bar ends with a carriage return)
        Progress.eraseLineFirst(conf.getBoolean(CONSOLE_PROGRESS, false));
        applyLogLevel(spark, verbosity);
        Progress.line("%s", Blas.describe());
        String checkpoints = conf.get("spark.checkpoint.dir", null);
        if (checkpoints == null) {
            try {
                checkpoints = Files.createTempDirectory("animerec-checkpoints").toString();
            } catch (java.io.IOException e) {
                checkpoints = Path.of(System.getProperty("java.io.tmpdir"), "animerec-checkpoints").toString();
            }
        }
        spark.sparkContext().setCheckpointDir(checkpoints);
        return spark;
    }

    /** --verbose: Spark's log at INFO; otherwise back to the WARN of log4j2.properties if a --verbose run raised it. */
    private static void applyLogLevel(SparkSession spark, Verbosity verbosity) {
        if (verbosity == Verbosity.VERBOSE) {
            spark.sparkContext().setLogLevel("INFO");
            verboseLog = true;
        } else if (verboseLog) {
            spark.sparkContext().setLogLevel("WARN");
            verboseLog = false;
        }
    }

    private static void setIfAbsent(SparkConf conf, String key, String value) {
        if (!conf.contains(key)) {
            conf.set(key, value);
        }
    }
}
