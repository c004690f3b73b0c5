package animerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.spark.SparkSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every user error of issue 18's list exits 2 with one line naming the file or field, before any SparkSession is
 * requested. The wall time of each is printed, not asserted (scripts/check-validation measures it in a fresh JVM).
 */
class ValidationBeforeSparkTest {
    private static final Path TMP = tempDir();
    private static final String MISSING = TMP.resolve("nonexistent").toString();
    private static final String FILE = write("some-file.txt", "not a folder\n");
    private static final String FOLDER = folder("split");
    private static final String BAD_YAML = write("bad.yaml", "seed: 1\nevaluation:\n  k: [5, 10]\n relevance: all\n");
    private static final String EMPTY_YAML = write("empty.yaml", "");

    static Stream<Arguments> errors() {
        String out = TMP.resolve("out").toString();
        return Stream.of(
                error("train: missing --split", List.of(MISSING, "no such folder"),
                        "train", "--model", "popularity", "--split", MISSING),
                error("split: missing --data", List.of("--data", MISSING, "no such folder"),
                        "split", "--data", MISSING, "--out", out),
                error("ingest: missing --input", List.of("--input", MISSING),
                        "ingest", "--format", "movielens-100k", "--input", MISSING, "--out", out),
                error("ingest csv: missing --input file", List.of("--input", MISSING),
                        "ingest", "--format", "csv", "--input", MISSING, "--out", out),
                error("train: --split is a file", List.of("--split", FILE, "a file, not a folder"),
                        "train", "--model", "popularity", "--split", FILE),
                error("evaluate: --split is a file", List.of("--split", FILE, "a file, not a folder"),
                        "evaluate", "--model", "popularity", "--split", FILE),
                error("train: --artifacts is a file", List.of("--artifacts", FILE, "a file, not a folder"),
                        "train", "--model", "popularity", "--split", FOLDER, "--artifacts", FILE),
                error("train: --artifacts under a file", List.of("--artifacts", FILE + " is a file"),
                        "train", "--model", "popularity", "--split", FOLDER, "--artifacts", FILE + "/artifacts"),
                error("recommend: --artifacts is a file", List.of("--artifacts", FILE),
                        "recommend", "--model", "popularity", "--users", "all", "--artifacts", FILE),
                error("train: unknown model", List.of("unknown model 'nope'"),
                        "train", "--model", "nope", "--split", FOLDER),
                error("tune: unknown model", List.of("unknown model 'nope'"),
                        "tune", "--model", "nope", "--study", "s", "--split", FOLDER),
                error("train: unknown parameter", List.of("nope"),
                        "train", "--model", "als", "--param", "nope=1", "--split", FOLDER),
                error("train: parameter of the wrong type", List.of("rank", "abc"),
                        "train", "--model", "als", "--param", "rank=abc", "--split", FOLDER),
                error("split: --test-ratio 1.5", List.of("--test-ratio", "1.5"),
                        "split", "--data", FOLDER, "--test-ratio", "1.5", "--out", out),
                error("split: --validation-ratio -0.1", List.of("--validation-ratio", "-0.1"),
                        "split", "--data", FOLDER, "--validation-ratio", "-0.1", "--out", out),
                error("train: --k 0", List.of("--k", "0"), "train", "--model", "popularity", "--split", FOLDER, "--k", "0"),
                error("evaluate: --k 0", List.of("--k", "0"), "evaluate", "--model", "popularity", "--split", FOLDER, "--k", "0"),
                error("recommend: --k 0", List.of("--k", "0"), "recommend", "--model", "popularity", "--users", "all", "--k", "0"),
                error("similar: --k 0", List.of("--k", "0"), "similar", "--data", FOLDER, "--model", "genre", "--item", "1", "--k", "0"),
                error("tune: --k 0", List.of("--k", "0"), "tune", "--model", "item-knn", "--study", "s", "--split", FOLDER, "--k", "0"),
                error("metrics: --k 0", List.of("--k", "0"), "metrics", "--recs", FILE, "--truth", FILE, "--k", "0"),
                error("train: malformed YAML config", List.of(BAD_YAML, "line 4, column"),
                        "train", "--model", "popularity", "--split", FOLDER, "--config", BAD_YAML),
                error("split: malformed YAML config", List.of(BAD_YAML, "line 4, column"),
                        "split", "--data", FOLDER, "--out", out, "--config", BAD_YAML),
                error("train: empty config", List.of(EMPTY_YAML, "empty"),
                        "train", "--model", "popularity", "--split", FOLDER, "--config", EMPTY_YAML));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void refusedBeforeSpark(String name, List<String> expected, String[] args) {
        assertRefused(name, expected, args);
    }

    /** A folder without write permission; root writes there anyway, so this case only shows for other users. */
    @Test
    void readOnlyArtifactsRootForTrain() throws IOException {
        Path readOnly = Files.createDirectories(TMP.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Path probe = readOnly.resolve("probe");
            boolean writable;
            try {
                Files.delete(Files.createFile(probe));
                writable = true;
            } catch (IOException e) {
                writable = false;
            }
            Assumptions.assumeFalse(writable, "running as root: a read-only folder takes files anyway "
                    + "(the artifacts-under-a-file case covers an unwritable root)");
            String artifacts = readOnly.resolve("artifacts").toString();
            assertRefused("train: read-only --artifacts", List.of("--artifacts", "cannot write"),
                    "train", "--model", "popularity", "--split", FOLDER, "--artifacts", artifacts);
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static void assertRefused(String name, List<String> expected, String... args) {
        long sessions = SparkSessions.requests();
        long t0 = System.nanoTime();
        CliRunner.Result r = CliRunner.run(args);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%-40s %.3f s  %s", name, seconds, r.err());
        assertEquals(2, r.exitCode(), name + ": " + r.err() + r.out());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), name + ": one line on stderr: " + r.err());
        assertTrue(lines.get(0).startsWith("animerec: error: "), lines.get(0));
        for (String e : expected) {
            assertTrue(lines.get(0).contains(e), name + ": '" + e + "' in: " + lines.get(0));
        }
        assertEquals(sessions, SparkSessions.requests(), name + ": no SparkSession requested");
    }

    private static Arguments error(String name, List<String> expected, String... args) {
        return Arguments.of(name, expected, args);
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("animerec-validation");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(String name, String content) {
        try {
            return Files.writeString(TMP.resolve(name), content).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String folder(String name) {
        try {
            return Files.createDirectories(TMP.resolve(name)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
