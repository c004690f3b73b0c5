package animerec.model.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.testing.ClusterRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration test: knn (user- and item-based) and knn-baseline give the same predictions, to 1e-9, on
 * {@code local[2]} and on {@code local-cluster[2,1,1024]} (two executor JVMs).
 */
@Tag("slow") // scripts/test-slow runs it (one of the suite's longest, with local-cluster JVMs)
class KnnClusterTest {
    @TempDir
    Path tmp;

    @Test
    void localClusterGivesTheSamePredictionsAsLocal() throws Exception {
        ClusterRuns runs = new ClusterRuns(tmp);
        Path a = tmp.resolve("local.txt");
        Path b = tmp.resolve("cluster.txt");
        runs.run("local[2]", KnnClusterRun.class, a.toString());
        String cluster = runs.run("local-cluster[2,1,1024]", KnnClusterRun.class, b.toString());
        assertTrue(cluster.contains("executors=3"), "driver + 2 executors:\n" + cluster);
        List<String> local = Files.readAllLines(a);
        List<String> remote = Files.readAllLines(b);
        assertEquals(local.size(), remote.size());
        assertTrue(local.size() > 3000, "three models × the test pairs: " + local.size());
        int possible = 0;
        for (int i = 0; i < local.size(); i++) {
            String[] x = local.get(i).split(" ");
            String[] y = remote.get(i).split(" ");
            assertEquals(String.join(" ", x[0], x[1], x[2], x[3], x[5]), String.join(" ", y[0], y[1], y[2], y[3], y[5]));
            assertEquals(Double.parseDouble(x[4]), Double.parseDouble(y[4]), 1e-9, local.get(i));
            possible += x[5].equals("false") ? 1 : 0;
        }
        assertTrue(possible > local.size() / 2, "most predictions come from neighbours: " + possible);
    }
}
