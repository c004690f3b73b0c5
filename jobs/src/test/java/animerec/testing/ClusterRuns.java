package animerec.testing;

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

/**
 * Runs a main class in its own driver JVM under a given master — {@code local[2]} or
 * {@code local-cluster[2,1,1024]} (two executor JVMs, so data really crosses process boundaries). The
 * executors get a SPARK_HOME whose jars/ links the test class path, which is what Spark's worker needs to
 * launch them. The main class receives: master, executor class path, executor JVM options, then the extra
 * arguments.
 */
public final class ClusterRuns {
    private final Path tmp;
    private final List<String> classPath;
    private final List<String> dirs = new ArrayList<>();
    private final String jvmFlags;

    public ClusterRuns(Path tmp) throws IOException {
        this.tmp = tmp;
        this.classPath = classPathEntries();
        Path jars = Files.createDirectories(tmp.resolve("spark-home/jars"));
        int n = 0;
        for (String e : classPath) {
            Path p = Path.of(e);
            if (Files.isDirectory(p)) {
                dirs.add(p.toAbsolutePath().toString());
            } else if (e.endsWith(".jar") && Files.exists(p)) {
                Files.createSymbolicLink(jars.resolve((n++) + "-" + p.getFileName()), p.toAbsolutePath());
            }
        }
        jvmFlags = String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognized") || a.startsWith("-Djdk.reflect")
                        || a.startsWith("-Dio.netty")).toList());
    }

    /**
     * The SparkSession of a run's main class: master {@code args[0]}; executors get the class path
     * {@code args[1]} and JVM options {@code args[2]} (what {@link #run} passes), 768 MB each.
     */
    public static org.apache.spark.sql.SparkSession session(String appName, String[] args) {
        java.util.Map<String, String> conf = new java.util.LinkedHashMap<>();
        conf.put("spark.executor.extraClassPath", args[1]);
        conf.put("spark.executor.extraJavaOptions", args[2]);
        conf.put("spark.executor.memory", "768m");
        conf.put("spark.sql.shuffle.partitions", "4");
        return animerec.spark.SparkSessions.getOrCreate(appName, args[0], conf);
    }

    /** Runs {@code main} to completion (at most 240 s) and returns what it printed. */
    public String run(String master, Class<?> main, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.addAll(List.of(jvmFlags.split(" ")));
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, classPath));
        cmd.add(main.getName());
        cmd.add(master);
        cmd.add(String.join(File.pathSeparator, dirs));
        cmd.add(jvmFlags);
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SPARK_HOME", tmp.resolve("spark-home").toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Path log = tmp.resolve(main.getSimpleName() + "-" + master.replaceAll("[^a-z0-9]", "_") + ".log");
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
