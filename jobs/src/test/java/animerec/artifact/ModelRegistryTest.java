package animerec.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.model.Param;
import animerec.model.ParamMap;
import animerec.testing.TestFiles;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
    private static final Param<Integer> SIZE = Param.intParam("size", "a parameter", 5, 1, 100);

    @TempDir
    Path tmp;

    private static ParamMap params(int size) {
        return ParamMap.of("m", List.of(SIZE), Map.of("size", String.valueOf(size)));
    }

    private static Provenance provenance() {
        return new Provenance(42, "fp", "train", "split-1", null, 1.5);
    }

    private static void writeOneFile(String dir) {
        try {
            Files.createDirectories(Path.of(dir));
            Files.writeString(Path.of(dir, "model.txt"), "x");
        } catch (java.io.IOException e) {
            throw new RuntimeException(e);
        }
    }

    @Test
    void versionsBumpMinorForSameParamsAndMajorForNewParams() {
        ModelRegistry r = new ModelRegistry(new Configuration(), tmp.toString());
        assertEquals("v1.0", r.register("m", "m", params(5), provenance(), ModelRegistryTest::writeOneFile).path("version").asText());
        assertEquals("v1.1", r.register("m", "m", params(5), provenance(), ModelRegistryTest::writeOneFile).path("version").asText());
        assertEquals("v2.0", r.register("m", "m", params(6), provenance(), ModelRegistryTest::writeOneFile).path("version").asText());
        assertEquals("v2.0", r.resolve("m").path("version").asText());
        assertEquals("v1.1", r.resolve("m@1.1").path("version").asText());
        assertEquals("v1.0", r.resolve("m@v1.0").path("version").asText());
        JsonNode e = r.resolve("m@v1.0");
        assertEquals(42, e.path("seed").asLong());
        assertEquals("fp", e.path("data_fingerprint").asText());
        assertEquals("split-1", e.path("split_id").asText());
        assertFalse(e.path("git_commit").asText().isEmpty());
        assertTrue(Files.exists(tmp.resolve("models/m/v1.0/metadata.json")));
        assertTrue(Files.exists(tmp.resolve("models/m/v1.0/data/model.txt")));
        assertThrows(UserError.class, () -> r.resolve("m@v9.9"));
        assertThrows(UserError.class, () -> r.resolve("other"));
    }

    @Test
    void metricsAreRecordedInTheManifest() {
        ModelRegistry r = new ModelRegistry(new Configuration(), tmp.toString());
        r.register("m", "m", params(5), provenance(), ModelRegistryTest::writeOneFile);
        r.recordMetrics("m", "v1.0", Map.of("ndcg@10", 0.25));
        assertEquals(0.25, r.resolve("m").path("metrics").path("ndcg@10").asDouble(), 0.0);
    }

    @Test
    void aFailedWriteLeavesNoVersionAndNoManifestEntry() {
        ModelRegistry r = new ModelRegistry(new Configuration(), tmp.toString());
        r.register("m", "m", params(5), provenance(), ModelRegistryTest::writeOneFile);
        assertThrows(IllegalStateException.class, () -> r.register("m", "m", params(5), provenance(), dir -> {
            writeOneFile(dir);
            throw new IllegalStateException("disk full");
        }));
        assertEquals(1, r.list().size());
        try (Stream<Path> s = Files.list(tmp.resolve("models/m"))) {
            assertEquals(List.of("v1.0"), s.map(p -> p.getFileName().toString()).sorted().toList());
        } catch (java.io.IOException e) {
            throw new RuntimeException(e);
        }
    }

    /**
     * Acceptance: the manifest stays valid JSON when the writing process is killed (SIGKILL) at random
     * moments during model writes, and every version it lists is complete on disk.
     */
    @Test
    void manifestStaysValidWhenTheWriterIsKilled() throws Exception {
        Random rnd = new Random(99);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int killsDuringWrites = 0;
        for (int round = 0; round < 5; round++) {
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    RegistryWriterMain.class.getName(), tmp.toString()).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            int wanted = 2 + rnd.nextInt(4);
            int seen = 0;
            String line;
            while (seen < wanted && (line = out.readLine()) != null) {
                if (line.startsWith("registered")) {
                    seen++;
                }
            }
            assertEquals(wanted, seen, "the writer process stopped early");
            Thread.sleep(rnd.nextInt(40)); // land somewhere inside the next write
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            killsDuringWrites++;

            String text = Files.readString(tmp.resolve("manifest.json"));
            JsonNode manifest = Json.MAPPER.readTree(text); // throws if half-written
            assertTrue(manifest.path("models").isArray());
            for (JsonNode e : manifest.path("models")) {
                Path dir = tmp.resolve(e.path("path").asText()); // relative to the root
                assertTrue(Files.exists(dir.resolve("metadata.json")), "listed version is complete: " + dir);
                for (int f = 0; f < 4; f++) {
                    assertTrue(Files.exists(dir.resolve("data/part-" + f)), "listed version has all files: " + dir);
                }
            }
        }
        assertEquals(5, killsDuringWrites);
        // the registry still works after the crashes: a new version does not collide with leftovers
        ModelRegistry r = new ModelRegistry(new Configuration(), tmp.toString());
        int before = r.list().size();
        r.register("slow", "slow", ParamMap.of("slow", List.of(SIZE), Map.of("size", "1")), provenance(),
                ModelRegistryTest::writeOneFile);
        assertEquals(before + 1, r.list().size());
    }

    /**
     * Two JVMs register versions of the same model into one root at the same time: the manifest lock gives each
     * its own version numbers, and the manifest lists every version once, with the metrics recorded for it.
     */
    @Test
    void concurrentWritersInTwoJvmsLoseNoVersion() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int each = 12;
        List<Process> writers = new java.util.ArrayList<>();
        for (int w = 0; w < 2; w++) {
            writers.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    RegistryWriterMain.class.getName(), tmp.toString(), String.valueOf(each), "shared")
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("writer-" + w + ".log").toFile()).start());
        }
        for (int w = 0; w < 2; w++) {
            assertTrue(writers.get(w).waitFor(120, TimeUnit.SECONDS), "writer " + w + " finished");
            assertEquals(0, writers.get(w).exitValue(), Files.readString(tmp.resolve("writer-" + w + ".log")));
        }
        JsonNode models = Json.MAPPER.readTree(Files.readString(tmp.resolve("manifest.json"))).path("models");
        java.util.Set<String> versions = new java.util.HashSet<>();
        for (JsonNode e : models) {
            assertTrue(versions.add(e.path("version").asText()), "listed once: " + e.path("version").asText());
            assertTrue(e.path("metrics").has("ndcg@10"), "its metrics were recorded: " + e.path("version").asText());
            assertTrue(Files.exists(tmp.resolve(e.path("path").asText()).resolve("metadata.json")));
        }
        assertEquals(2 * each, versions.size(), "every registered version is in the manifest");
        assertTrue(Files.notExists(tmp.resolve("manifest.lock")), "the lock is released");
    }

    /** Issue 19: paths in the manifest are relative to the root, so a copy of the root loads after the original is gone. */
    @Test
    void aCopiedRootFindsItsOwnVersionsAfterTheOriginalIsDeleted() throws Exception {
        Path original = tmp.resolve("original");
        new ModelRegistry(new Configuration(), original.toString())
                .register("m", "m", params(5), provenance(), ModelRegistryTest::writeOneFile);
        JsonNode manifest = Json.MAPPER.readTree(Files.readString(original.resolve("manifest.json")));
        assertEquals(ModelRegistry.FORMAT, manifest.path("format").asInt());
        assertEquals("models/m/v1.0", manifest.path("models").get(0).path("path").asText());
        assertFalse(Files.readString(original.resolve("manifest.json")).contains(original.toString()),
                "no absolute path of the root in the manifest");
        Path copy = tmp.resolve("copy");
        TestFiles.copyTree(original, copy);
        TestFiles.deleteTree(original);
        ModelRegistry r = new ModelRegistry(new Configuration(), copy.toString());
        assertEquals(copy.resolve("models/m/v1.0").toString(), Path.of(r.folder(r.resolve("m"))).toString());
        assertEquals("v1.1", r.register("m", "m", params(5), provenance(), ModelRegistryTest::writeOneFile)
                .path("version").asText(), "the copy takes new versions");
        assertTrue(Files.notExists(original), "nothing was written at the old root");
    }

    /**
     * A manifest written before issue 19 (format 1) recorded absolute paths. At a moved root its versions are found by
     * the registry layout under the current root; the next write upgrades every entry to a relative path.
     */
    @Test
    void aFormat1ManifestWithAbsolutePathsOfAGoneRootStillReads() throws Exception {
        Path root = tmp.resolve("moved");
        writeOneFile(root.resolve("models/m/v1.0/data").toString());
        String gone = tmp.resolve("gone-root/models/m/v1.0").toString();
        Files.writeString(root.resolve("manifest.json"), "{\"format\": 1, \"models\": [{\"name\": \"m\", \"version\": "
                + "\"v1.0\", \"family\": \"m\", \"path\": \"" + gone + "\", \"params_hash\": \"" + params(5).hash()
                + "\", \"metrics\": {}}]}");
        ModelRegistry r = new ModelRegistry(new Configuration(), root.toString());
        assertEquals(root.resolve("models/m/v1.0").toString(), Path.of(r.folder(r.resolve("m@v1.0"))).toString());
        r.recordMetrics("m", "v1.0", Map.of("ndcg@10", 0.5));
        JsonNode upgraded = Json.MAPPER.readTree(Files.readString(root.resolve("manifest.json")));
        assertEquals(ModelRegistry.FORMAT, upgraded.path("format").asInt());
        assertEquals("models/m/v1.0", upgraded.path("models").get(0).path("path").asText());
        // a version whose folder is gone everywhere is named with the folder expected
        Files.writeString(root.resolve("manifest.json"), Files.readString(root.resolve("manifest.json"))
                .replace("v1.0", "v3.0"));
        UserError e = assertThrows(UserError.class, () -> r.folder(r.resolve("m")));
        assertTrue(e.getMessage().contains(root.resolve("models/m/v3.0").toString()), e.getMessage());
    }
}
