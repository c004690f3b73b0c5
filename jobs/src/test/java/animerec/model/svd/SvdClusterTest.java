package animerec.model.svd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration test: svd with the same seed and strata gives the same RMSE on {@code local[2]} and on
 * {@code local-cluster[2,1,1024]} (two executor JVMs, so factors really cross process boundaries). Each runs
 * in its own driver JVM ({@link SvdClusterRun}); the executors get a SPARK_HOME whose jars/ links the test
 * class path, which is what Spark's worker needs to launch them.
 */
class SvdClusterTest {
    @TempDir
    Path tmp;

    @Test
    void localClusterGivesTheSameRmseAsLocal() throws Exception {
        List<String> entries = classPathEntries();
        Path jars = Files.createDirectories(tmp.resolve("spark-home/jars"));
        List<String> dirs = new ArrayList<>();
        int n = 0;
        for (String e : entries) {
            Path p = Path.of(e);
            if (Files.isDirectory(p)) {
                dirs.add(p.toAbsolutePath().toString());
            } else if (e.endsWith(".jar") && Files.exists(p)) {
                Files.createSymbolicLink(jars.resolve((n++) + "-" + p.getFileName()), p.toAbsolutePath());
            }
        }
        String jvmFlags = String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognized") || a.startsWith("-Djdk.reflect")
                        || a.startsWith("-Dio.netty")).toList());
        String local = run("local[2]", entries, dirs, jvmFlags);
        String cluster = run("local-cluster[2,1,1024]", entries, dirs, jvmFlags);
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

    private String run(String master, List<String> cp, List<String> dirs, String jvmFlags) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.addAll(List.of(jvmFlags.split(" ")));
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, cp));
        cmd.add(SvdClusterRun.class.getName());
        cmd.add(master);
        cmd.add(String.join(File.pathSeparator, dirs));
        cmd.add(jvmFlags);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SPARK_HOME", tmp.resolve("spark-home").toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Path log = tmp.resolve(master.replaceAll("[^a-z0-9]", "_") + ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        boolean done = p.waitFor(240, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(done && p.exitValue() == 0, master + " failed:\n" + tail(out));
        return out;
    }

    private static String tail(String s) {
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }

    /** The test class path, read through Surefire's manifest-only jar when there is one. */
    private static List<String> classPathEntries() throws IOException {
        String cp = System.getProperty("java.class.path");
        List<String> out = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            if (e.contains("surefirebooter") && e.endsWith(".jar")) {
                try (JarFile jar = new JarFile(e)) {
                    String manifestCp = jar.getManifest().getMainAttributes().getValue("Class-Path");
                    for (String url : manifestCp.trim().split("\\s+")) {
                        out.add(Path.of(URI.create(url)).toString());
                    }
                }
            } else {
                out.add(e);
            }
        }
        return out;
    }
}
