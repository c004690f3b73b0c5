package animerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.testing.SparkTestSupport;
import animerec.testing.TestFiles;
import animerec.util.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands end to end on a small generated sample, in one JVM with the shared SparkSession. */
class CommandLineTest {
    @TempDir
    static Path tmp;

    private static String data;
    private static String split;
    private static String artifacts;
    private static String experiments;
    private static Path trainedAt;

    @BeforeAll
    static void trainOnASmallSample() {
        SparkTestSupport.spark();
        data = tmp.resolve("sample").toString();
        split = tmp.resolve("split").toString();
        artifacts = tmp.resolve("artifacts").toString();
        experiments = tmp.resolve("experiments").toString();
        ok("generate", "--users", "400", "--items", "150", "--interactions", "12000", "--out", data);
        ok("split", "--data", data, "--strategy", "random", "--test-ratio", "0.25", "--out", split);
        trainedAt = tmp.resolve("artifacts-as-trained");
        ok("train", "--model", "popularity", "--split", split, "--artifacts", trainedAt.toString(), "--experiments", experiments);
        // issue 19, a movable registry: the tests below use a cp -r copy of the root, the original deleted
        TestFiles.copyTree(trainedAt, Path.of(artifacts));
        TestFiles.deleteTree(trainedAt);
    }

    private static CliRunner.Result ok(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + "\n" + r.out() + r.err());
        return r;
    }

    private static void assertUserError(CliRunner.Result r, String... mustContain) {
        assertEquals(2, r.exitCode(), r.out() + r.err());
        String firstLine = r.err().lines().findFirst().orElse("");
        assertTrue(firstLine.startsWith("animerec: error: "), r.err());
        for (String s : mustContain) {
            assertTrue(r.err().contains(s), "'" + s + "' in: " + r.err());
        }
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void trainRegistersAVersionWithProvenanceAndMetrics() throws Exception {
        JsonNode manifest = Json.MAPPER.readTree(Files.readString(Path.of(artifacts, "manifest.json")));
        JsonNode e = manifest.path("models").get(0);
        assertEquals("popularity", e.path("name").asText());
        assertEquals("v1.0", e.path("version").asText());
        assertEquals(42, e.path("seed").asLong());
        assertTrue(e.path("split_id").asText().startsWith("split-"));
        assertEquals(16, e.path("data_fingerprint").asText().length());
        assertTrue(e.path("metrics").path("ndcg@10").asDouble() > 0);
        assertTrue(Files.exists(Path.of(experiments, "metrics", "runs.csv")));
        List<String> csv = Files.readAllLines(Path.of(experiments, "metrics", "runs.csv"));
        assertEquals(1 + 3, csv.size(), "header + one row per k (5, 10, 20)");
        try (Stream<Path> s = Files.list(Path.of(experiments, "metrics"))) {
            assertEquals(1, s.filter(p -> p.getFileName().toString().matches("popularity_\\d{8}T\\d{6}\\.\\d{3}Z\\.json")).count());
        }
        CliRunner.Result list = ok("models", "list", "--artifacts", artifacts);
        assertTrue(list.out().contains("popularity") && list.out().contains("v1.0"), list.out());
        CliRunner.Result show = ok("models", "show", "popularity@v1.0", "--artifacts", artifacts);
        assertEquals("v1.0", Json.MAPPER.readTree(show.out()).path("version").asText());
    }

    @Test
    void exportedRecommendationsEvaluateToTheHarnessNumbers() throws Exception {
        String recs = tmp.resolve("recs.csv").toString();
        ok("recommend", "--model", "popularity", "--users", "all", "--k", "20", "--out", recs, "--artifacts", artifacts);
        assertEquals("user_id,item_id,rank,score", Files.readAllLines(Path.of(recs)).get(0));
        // the held-out test set as a truth file
        String truth = tmp.resolve("truth.csv").toString();
        SparkTestSupport.spark().read().parquet(split + "/test").select("user_id", "anime_id")
                .repartition(1).write().option("header", true).csv(truth);
        String json = tmp.resolve("metrics.json").toString();
        ok("metrics", "--recs", recs, "--truth", truth, "--k", "5,10,20", "--json", json);
        JsonNode external = Json.MAPPER.readTree(Files.readString(Path.of(json)));
        JsonNode harness = Json.MAPPER.readTree(Files.readString(Path.of(artifacts, "manifest.json")))
                .path("models").get(0).path("metrics");
        for (String key : List.of("precision@10", "recall@10", "ndcg@10", "map@10", "hit_rate@10", "ndcg@20", "mrr", "users")) {
            assertEquals(harness.path(key).asDouble(), external.path(key).asDouble(), 1e-12, key);
        }
    }

    /**
     * Issue 19, a movable registry: the root every test here uses is a cp -r copy of the one trained into, and that
     * one is deleted (see {@link #trainOnASmallSample}). The copy lists, shows and recommends; the harness numbers
     * match `metrics` on the copy's export ({@link #exportedRecommendationsEvaluateToTheHarnessNumbers}).
     */
    @Test
    void aCopiedArtifactRootLoadsAndRecommendsAfterTheOriginalIsDeleted() throws Exception {
        assertFalse(Files.exists(trainedAt), "the root trained into is gone");
        // (the config recorded with a version still says paths.artifacts: provenance, never read to load)
        for (JsonNode e : Json.MAPPER.readTree(Files.readString(Path.of(artifacts, "manifest.json"))).path("models")) {
            assertFalse(e.path("path").asText().contains(trainedAt.toString()), "a path relative to the root: " + e);
        }
        // the generator's users are 1..400, and each keeps a train interaction
        CliRunner.Result r = ok("recommend", "--model", "popularity", "--users", "1,2,3", "--k", "5", "--artifacts", artifacts);
        assertEquals(3 * 5, r.out().lines().filter(l -> l.matches("\\d+,\\d+,\\d+,.*")).count(), r.out());
        assertEquals("models/popularity/v1.0", Json.MAPPER.readTree(ok("models", "show", "popularity", "--artifacts",
                artifacts).out()).path("path").asText());
        assertFalse(Files.exists(trainedAt), "nothing was written at the deleted root");
    }

    @Test
    void userErrorsExitNonZeroWithOneClearMessage() throws Exception {
        assertUserError(CliRunner.run("split", "--data", tmp.resolve("missing").toString(), "--out", tmp.resolve("x").toString()),
                "missing", "no such folder");
        assertUserError(CliRunner.run("train", "--model", "nope", "--split", split, "--artifacts", artifacts), "unknown model 'nope'");
        assertUserError(CliRunner.run("train", "--model", "popularity", "--param", "score=median", "--split", split,
                "--artifacts", artifacts), "score", "median");
        assertUserError(CliRunner.run("recommend", "--model", "ghost", "--users", "all", "--out", "x.csv",
                "--artifacts", artifacts), "no model ghost");
        Path badConfig = tmp.resolve("bad.yaml");
        Files.writeString(badConfig, "evaluation:\n  kk: [10]\n");
        assertUserError(CliRunner.run("train", "--model", "popularity", "--split", split, "--config", badConfig.toString()),
                "evaluation.kk");
        Path recs = tmp.resolve("bad-recs.csv");
        Files.writeString(recs, "user_id,item_id,rank\n1,abc,1\n");
        assertUserError(CliRunner.run("metrics", "--recs", recs.toString(), "--truth", recs.toString()),
                "bad-recs.csv", "item_id", "abc");
        assertEquals(2, CliRunner.run("split", "--no-such-option").exitCode());
    }

    /** Every subcommand of {@link Main}, nested ones too (e.g. {@code models list}), walked from picocli's model. */
    @Test
    void everyCommandHasHelp() {
        List<picocli.CommandLine> commands = new java.util.ArrayList<>();
        collect(new picocli.CommandLine(new Main()), commands);
        assertTrue(commands.size() > 10, "subcommands found: " + commands.size());
        assertTrue(commands.stream().anyMatch(c -> c.getParent() != null && c.getParent().getParent() != null),
                "nested subcommands (models list, ...) are walked too");
        for (picocli.CommandLine c : commands) {
            String qualified = c.getCommandSpec().qualifiedName(" "); // "animerec models list"
            String[] words = qualified.split(" ");
            List<String> args = new java.util.ArrayList<>(List.of(words).subList(1, words.length));
            args.add("--help");
            CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
            assertEquals(0, r.exitCode(), qualified + " --help: " + r.err());
            assertTrue(r.out().contains("Usage: " + qualified), qualified + " --help printed: " + r.out());
        }
    }

    /** The subcommands under {@code parent}, depth first, each once (picocli lists aliases as extra keys). */
    private static void collect(picocli.CommandLine parent, List<picocli.CommandLine> out) {
        for (picocli.CommandLine sub : new java.util.LinkedHashSet<>(parent.getSubcommands().values())) {
            out.add(sub);
            collect(sub, out);
        }
    }
}
