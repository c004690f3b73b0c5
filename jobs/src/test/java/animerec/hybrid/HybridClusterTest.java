package animerec.hybrid;

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
 * Integration test: the hybrid (components, validation weight search, blend) gives the same weights, NDCG and
 * lists on {@code local-cluster[2,1,1024]} as on {@code local[2]}.
 */
@Tag("slow") // scripts/test-slow runs it (one of the suite's longest, with local-cluster JVMs)
class HybridClusterTest {
    @TempDir
    Path tmp;

    @Test
    void localClusterGivesTheSameHybridAsLocal() throws Exception {
        ClusterRuns runs = new ClusterRuns(tmp);
        String local = runs.run("local[2]", HybridClusterRun.class);
        String cluster = runs.run("local-cluster[2,1,1024]", HybridClusterRun.class);
        Pattern line = Pattern.compile("NDCG=(\\S+) WEIGHTS=(\\[[^]]*\\]) LISTS=(\\S+) executors=(\\d+)");
        Matcher a = line.matcher(local);
        Matcher b = line.matcher(cluster);
        assertTrue(a.find(), local);
        assertTrue(b.find(), cluster);
        assertEquals("3", b.group(4), "driver + 2 executors");
        assertEquals(a.group(2), b.group(2), "learned weights");
        assertEquals(a.group(1), b.group(1), "NDCG@10");
        assertEquals(a.group(3), b.group(3), "every recommended list");
        assertTrue(Double.parseDouble(a.group(1)) > 0.2, local);
    }
}
