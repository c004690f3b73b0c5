package animerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs after {@code package}: the slim job jar holds our code and picocli but no Spark, and {@code scripts/submit}
 * runs a command through Spark's launcher and SparkSubmit from the Maven-resolved Spark jars.
 */
class SubmitIT {
    private static final Path ROOT = Path.of(System.getProperty("animerec.project.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void theSlimJarHasOurCodeAndNoSpark() throws Exception {
        Path jar = ROOT.resolve("jobs/target/animerec-jobs-submit.jar");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Set<String> names = zip.stream().map(e -> e.getName()).collect(Collectors.toSet());
            assertTrue(names.contains("animerec/cli/Main.class"));
            assertTrue(names.contains("picocli/CommandLine.class"));
            assertTrue(names.contains("smile/hpo/Hyperparameters.class"));
            assertTrue(names.contains("animerec/metrics/Ndcg.class"), "lib-metrics is inside");
            assertFalse(names.stream().anyMatch(n -> n.startsWith("org/apache/spark/") || n.startsWith("scala/")
                    || n.startsWith("org/apache/hadoop/")), "Spark, Scala and Hadoop come from the cluster");
            assertTrue(Files.size(jar) < 10L << 20, "a few MB: " + Files.size(jar));
        }
    }

    @Test
    void submitRunsACommandThroughSparkSubmit() throws Exception {
        Path out = tmp.resolve("sample");
        Path log = tmp.resolve("submit.log");
        Process p = new ProcessBuilder("bash", ROOT.resolve("scripts/submit").toString(), "--master", "local[2]", "--",
                "generate", "--users", "60", "--items", "20", "--interactions", "600", "--out", out.toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "finished");
        String text = Files.readString(log);
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("generated " + out), text);
        assertTrue(Files.isDirectory(out.resolve("interactions")), text);

        // a user error still exits 2 with one line through spark-submit
        Process bad = new ProcessBuilder("bash", ROOT.resolve("scripts/submit").toString(), "--master", "local[1]", "--",
                "generate", "--users", "0", "--out", tmp.resolve("bad").toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve("bad.log").toFile()).start();
        assertTrue(bad.waitFor(300, TimeUnit.SECONDS));
        assertEquals(2, bad.exitValue(), Files.readString(tmp.resolve("bad.log")));
        assertTrue(Files.readString(tmp.resolve("bad.log")).contains("animerec: error:"), Files.readString(tmp.resolve("bad.log")));
    }
}
