package animerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.testing.SparkTestSupport;
import animerec.util.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration test: a pipeline running in its own JVM refuses a second concurrent run on the same root, is killed
 * with SIGKILL during its train steps, and resumes without re-running data or split; the registry manifest is
 * valid JSON at every moment and lists every version once.
 */
@Tag("slow") // scripts/test-slow runs it (the default suite is at its 15-minute bound on 2 cores)
class PipelineKillTest {
    @TempDir
    Path tmp;

    @Test
    void aSecondRunIsRefusedAndAKilledRunResumes() throws Exception {
        Path root = tmp.resolve("pipe");
        Path config = tmp.resolve("pipeline.yaml");
        Files.writeString(config, String.join("\n",
                "seed: 7",
                "paths: {artifacts: " + root.resolve("artifacts") + ", experiments: " + root.resolve("experiments") + "}",
                "evaluation: {k: [10]}",
                "models: {warp: {epochs: \"5\", no_components: \"8\"}, als: {rank: \"8\", max_iter: \"5\"}}",
                "pipeline:",
                "  root: " + root,
                "  data: {generate: {users: 300, items: 120, interactions: 8000}}",
                "  train: [popularity, item-knn, als, warp]",
                ""));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty"))
                .forEach(cmd::add);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "pipeline", "--config",
                config.toString(), "--master", "local[2]"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("first.log").toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process first = pb.start();

        Path state = root.resolve("state.json");
        Path manifest = root.resolve("artifacts").resolve("manifest.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!(Files.exists(state) && Files.readString(state).contains("\"train:popularity\"")) && System.nanoTime() < deadline) {
            assertManifestValid(manifest);
            Thread.sleep(50);
        }
        assertTrue(first.isAlive(), "the first run is still training: " + Files.readString(tmp.resolve("first.log")));

        SparkTestSupport.spark();
        CliRunner.Result second = CliRunner.run("pipeline", "--config", config.toString());
        assertEquals(2, second.exitCode(), second.out() + second.err());
        assertTrue(second.err().contains("another pipeline run holds"), second.err());

        first.destroyForcibly(); // SIGKILL, during the train steps
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        assertManifestValid(manifest);
        JsonNode before = Json.MAPPER.readTree(state.toFile()).path("steps");
        assertTrue(before.has("split") && !before.has("train:warp"), "killed after split, before the last model: " + before);

        CliRunner.Result resumed = CliRunner.run("pipeline", "--config", config.toString(), "--resume");
        assertEquals(0, resumed.exitCode(), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains("{\"step\":\"data\",\"status\":\"skipped\""), resumed.out());
        assertTrue(resumed.out().contains("{\"step\":\"split\",\"status\":\"skipped\""), resumed.out());
        assertTrue(resumed.out().contains("{\"step\":\"train:popularity\",\"status\":\"skipped\""), resumed.out());
        assertTrue(resumed.out().contains("{\"step\":\"train:warp\",\"status\":\"done\""), resumed.out());
        assertTrue(resumed.out().contains("stale lock"), resumed.out());
        assertManifestValid(manifest);
        Set<String> versions = new HashSet<>();
        for (JsonNode m : Json.MAPPER.readTree(manifest.toFile()).path("models")) {
            assertTrue(versions.add(m.path("name").asText() + "@" + m.path("version").asText()), "listed twice: " + m);
        }
        assertTrue(versions.containsAll(List.of("popularity@v1.0", "warp@v1.0")), versions.toString());
        assertTrue(Files.notExists(root.resolve("pipeline.lock")), "the lock is released");
    }

    private static void assertManifestValid(Path manifest) throws Exception {
        if (Files.exists(manifest)) {
            Json.MAPPER.readTree(manifest.toFile()); // throws on a torn or half-written manifest
        }
    }
}
