package animerec.testing;

import animerec.spark.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;

/** One SparkSession per test JVM (the first one costs seconds), and where the shared data is. */
public final class SparkTestSupport {
    private static SparkSession spark;

    private SparkTestSupport() {
    }

    public static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSessions.getOrCreate("animerec-tests", "local[2]",
                    Map.of("spark.sql.shuffle.partitions", "4", "spark.default.parallelism", "4"));
        }
        return spark;
    }

    /** {@code ../shared/data} beside the project; skips the calling test, with a message, when it is absent. */
    public static Path sharedDataOrSkip(String child) {
        String configured = System.getProperty("animerec.shared.data");
        Path base = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "data");
        Path p = base.resolve(child).normalize();
        Assumptions.assumeTrue(Files.exists(p), "shared data not found at " + p.toAbsolutePath()
                + " — skipping (place ../shared/data beside the project to run this test)");
        return p;
    }
}
