package animerec.spark;

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
 */
public final class SparkSessions {
    private static final AtomicLong REQUESTS = new AtomicLong();

    private SparkSessions() {
    }

    /** How many times {@link #getOrCreate} was called in this JVM (tests check that a command refused before Spark). */
    public static long requests() {
        return REQUESTS.get();
    }

    public static SparkSession getOrCreate(String appName, String master, Map<String, String> extraConf) {
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
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
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

    private static void setIfAbsent(SparkConf conf, String key, String value) {
        if (!conf.contains(key)) {
            conf.set(key, value);
        }
    }
}
