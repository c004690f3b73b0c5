package animerec.model.svd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.testing.ClusterRuns;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration test: svd with the same seed and strata gives the same RMSE on {@code local[2]} and on
 * {@code local-cluster[2,1,1024]} (two executor JVMs, so factors really cross process boundaries). Each runs
 * in its own driver JVM ({@link SvdClusterRun}, launched by {@link ClusterRuns}).
 */
@Tag("slow") // scripts/test-slow runs it (64 s of the default suite, which was at 15 min 17 s on 2 cores)
class SvdClusterTest {
    @TempDir
    Path tmp;

    @Test
    void localClusterGivesTheSameRmseAsLocal() throws Exception {
        ClusterRuns runs = new ClusterRuns(tmp);
        String local = runs.run("local[2]", SvdClusterRun.class);
        String cluster = runs.run("local-cluster[2,1,1024]", SvdClusterRun.class);
        Matcher a = Pattern.compile("RMSE=(\\S+) executors=(\\d+)").matcher(local);
        Matcher b = Pattern.compile("RMSE=(\\S+) executors=(\\d+)").matcher(cluster);
        assertTrue(a.find(), local);
        assertTrue(b.find(), cluster);
        assertEquals(a.group(1), b.group(1), "RMSE local vs local-cluster");
        assertEquals("3", b.group(2), "driver + 2 executors");
        Matcher std = Pattern.compile("STD=(\\S+)").matcher(local);
        assertTrue(std.find(), local);
        // the model learned something: better than predicting a constant (the test ratings' spread)
        assertTrue(Double.parseDouble(a.group(1)) < 0.9 * Double.parseDouble(std.group(1)), local);
    }
}
