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
    private static final String FOLDER = splitFolder("split");
    private static final String HTML_FOLDER = folder("dir.html");
    private static final String BAD_YAML = write("bad.yaml", "seed: 1\nevaluation:\n  k: [5, 10]\n relevance: all\n");
    private static final String EMPTY_YAML = write("empty.yaml", "");
    private static final String COMMENT_YAML = write("comment.yaml", "# only a comment\n\n# and another\n");
    private static final byte[] PARQUET_LIKE = parquetLike();
    private static final String GIVEN_TEST = write("given-test.tsv", "user_id\titem_id\trating\n1\t2\t5\n");

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
                error("report: --out not .html", List.of("--out", FILE, "*.html"), "report", "--out", FILE),
                error("report: --out is a folder", List.of("--out", "a folder, not a file"),
                        "report", "--out", HTML_FOLDER),
                error("report: missing --studies", List.of("--studies", MISSING, "no such file or folder"),
                        "report", "--studies", MISSING, "--out", TMP.resolve("r.html").toString()),
                error("report: --split is a file", List.of("--split", FILE, "a file, not a folder"),
                        "report", "--split", FILE, "--out", TMP.resolve("r.html").toString()),
                error("report: nothing to report", List.of("nothing to report"),
                        "report", "--experiments", TMP.resolve("no-experiments").toString(),
                        "--artifacts", TMP.resolve("no-artifacts").toString(), "--out", TMP.resolve("r.html").toString()),
                error("train: malformed YAML config", List.of(BAD_YAML, "line 4, column"),
                        "train", "--model", "popularity", "--split", FOLDER, "--config", BAD_YAML),
                error("split: malformed YAML config", List.of(BAD_YAML, "line 4, column"),
                        "split", "--data", FOLDER, "--out", out, "--config", BAD_YAML),
                error("train: empty config", List.of(EMPTY_YAML, "empty"),
                        "train", "--model", "popularity", "--split", FOLDER, "--config", EMPTY_YAML),
                error("train: comment-only config", List.of(COMMENT_YAML, "the config file is empty"),
                        "train", "--model", "popularity", "--split", FOLDER, "--config", COMMENT_YAML),
                // Parquet and split folders, checked before Spark reads them
                error("train: a part-0.parquet that is not Parquet", List.of("--split", "train/part-0.parquet",
                        "not a Parquet file", "starts with 'not '"),
                        "train", "--model", "popularity", "--split", splitWith("split-text-part", "train/part-0.parquet",
                                "not parquet at all\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))),
                error("evaluate: a cut-short Parquet file", List.of("test/part-00000.snappy.parquet", "cut short"),
                        "evaluate", "--model", "popularity", "--split", splitWith("split-cut-part",
                                "test/part-00000.snappy.parquet", java.util.Arrays.copyOf(PARQUET_LIKE, 20))),
                error("train: an empty Parquet file", List.of("validation/train/part-1.parquet", "the file is empty"),
                        "train", "--model", "item-knn", "--split",
                        splitWith("split-empty-part", "validation/train/part-1.parquet", new byte[0])),
                error("train: a split folder without split.json", List.of("--split", "not a split folder", "animerec split"),
                        "train", "--model", "popularity", "--split", folder("not-a-split")),
                error("split: --data interactions not Parquet", List.of("--data", "interactions/part-0.parquet",
                        "not a Parquet file", "\\x00"),
                        "split", "--data", withFile("data-bad-part", "interactions/part-0.parquet", new byte[] {0, 1, 2, 3, 4, 5, 6,
                                7, 8, 9, 10, 11, 12}), "--out", out),
                error("similar: --data items not Parquet", List.of("--data", "items/part-0.parquet", "only 3 bytes"),
                        "similar", "--data", withFile("data-bad-items", "items/part-0.parquet", new byte[] {'P', 'A', 'R'}),
                        "--model", "genre", "--item", "1"),
                // split --strategy given: every line of a local given file, before Spark
                error("split given: a train row with extra fields", List.of("given-extra.tsv", "line 3: wrong field count",
                        "5 fields"), "split", "--strategy", "given", "--train", write("given-extra.tsv",
                        "user_id\titem_id\trating\n1\t3\t6\n1\t3\t6\textra\tfields\n"), "--test", GIVEN_TEST, "--out", out),
                error("split given: a negative user id", List.of("given-negative.tsv", "line 2: negative user id: '-4'"),
                        "split", "--strategy", "given", "--train", write("given-negative.tsv",
                        "user_id\titem_id\trating\n-4\t3\t6\n"), "--test", GIVEN_TEST, "--out", out),
                error("split given: an item id of 10^20", List.of("given-huge.tsv", "item id above 2^63-1"),
                        "split", "--strategy", "given", "--train", GIVEN_TEST, "--test", write("given-huge.tsv",
                        "user_id\titem_id\trating\n1\t100000000000000000000\t6\n"), "--out", out),
                error("split given: an empty item id", List.of("given-empty-id.tsv", "line 3: empty item id"),
                        "split", "--strategy", "given", "--train", write("given-empty-id.tsv",
                        "user_id\titem_id\trating\n1\t3\t6\n1\t\t6\n"), "--test", GIVEN_TEST, "--out", out),
                // ingest: the header and the file's kind, before Spark
                error("ingest csv: a binary file", List.of("binary.csv", "line 1 is not text", "\\x00"),
                        "ingest", "--format", "csv", "--input", recs("binary.csv", "\u0000\u00ff\u00fe" + binary(500)), "--out", out),
                error("ingest csv: a header without user_id", List.of("wrong-header.csv", "header has no column 'user_id'",
                        "found: 'user', 'item', 'rating'"),
                        "ingest", "--format", "csv", "--input", write("wrong-header.csv", "user,item,rating\n1,2,3\n"), "--out", out),
                error("ingest csv: an empty file", List.of("empty-input.csv", "file is empty"),
                        "ingest", "--format", "csv", "--input", write("empty-input.csv", ""), "--out", out),
                error("ingest csv: an unclosed quote in the header", List.of("quote-header.csv", "line 1 is not a header"),
                        "ingest", "--format", "csv", "--input", write("quote-header.csv", "user_id,\"item_id,rating\n1,2,3\n"),
                        "--out", out),
                error("ingest kaggle-anime: rating.csv without anime_id", List.of("rating.csv", "header has no column 'anime_id'"),
                        "ingest", "--format", "kaggle-anime", "--input", withFile("kaggle-bad", "rating.csv",
                                "user_id,item_id,rating\n1,2,3\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), "--out", out),
                error("ingest csv: a column position out of range", List.of("--columns", "99999999999", "0-based positions"),
                        "ingest", "--format", "csv", "--no-header", "--columns", "user_id=99999999999", "--input",
                        write("headerless.csv", "1,2,3\n"), "--out", out),
                // metrics and registry (light commands)
                metrics("metrics: recs header user,item,rank", "recs-user-item.csv", "user,item,rank\n1,10,1\n",
                        "columns user, item, rank; expected user_id, item_id"),
                error("metrics: truth header user,item", List.of("--truth", "truth-user-item.csv", "columns user, item;",
                        "expected user_id, item_id"), "metrics", "--recs", recs("recs-ok.csv", "user_id,item_id,rank\n1,10,1\n"),
                        "--truth", write("truth-user-item.csv", "user,item\n1,10\n")),
                metrics("metrics: a row with extra fields", "recs-extra.csv", "user_id,item_id,rank\n1,3,6,extra,fields\n",
                        "line 2: 5 fields where the header has 3: '1,3,6,extra,fields'"),
                metrics("metrics: a row with too few fields", "recs-short.csv", "user_id,item_id,rank\n1,3,1\n1,4\n",
                        "line 3: 2 fields where the header has 3"),
                error("metrics: a truth row with extra fields", List.of("--truth", "truth-extra.csv", "line 3: 3 fields"),
                        "metrics", "--recs", recs("recs-ok.csv", "user_id,item_id,rank\n1,10,1\n"),
                        "--truth", write("truth-extra.csv", "user_id,item_id\n1,10\n2,20,x\n")),
                metrics("metrics: a negative user id", "recs-negative.csv", "user_id,item_id,rank\n-1,3,1\n",
                        "line 2: user_id '-1' is negative"),
                metrics("metrics: an id of 10^20", "recs-huge.csv", "user_id,item_id,rank\n1,100000000000000000000,1\n",
                        "line 2: item_id '100000000000000000000' is above 2^63-1"),
                metrics("metrics: an id of 2^63", "recs-2p63.csv", "user_id,item_id,rank\n9223372036854775808,3,1\n",
                        "user_id '9223372036854775808' is above 2^63-1"),
                metrics("metrics: an empty id", "recs-empty-id.csv", "user_id,item_id,rank\n1,3,1\n2,,1\n",
                        "line 3: item_id is empty"),
                metrics("metrics: a non-numeric id", "recs-abc.csv", "user_id,item_id,rank\nabc,3,1\n",
                        "line 2: user_id 'abc' is not a number"),
                metrics("metrics: a decimal id", "recs-decimal-id.csv", "user_id,item_id,rank\n1,3.5,1\n",
                        "item_id '3.5' is not a whole number"),
                metrics("metrics: a non-numeric rank", "recs-rank.csv", "user_id,item_id,rank\n1,3,first\n",
                        "line 2: rank 'first' is not a number"),
                metrics("metrics: a decimal rank", "recs-rank-decimal.csv", "user_id,item_id,rank\n1,3,1.5\n",
                        "rank '1.5' is not a whole number"),
                metrics("metrics: an empty rank", "recs-rank-empty.csv", "user_id,item_id,rank\n1,3,\n",
                        "line 2: rank is empty"),
                metrics("metrics: a non-numeric score", "recs-score.csv", "user_id,item_id,score\n1,3,high\n",
                        "line 2: score 'high' is not a number"),
                error("metrics: a non-numeric relevance", List.of("--truth", "truth-relevance.csv", "relevance 'yes' is not a number"),
                        "metrics", "--recs", recs("recs-ok.csv", "user_id,item_id,rank\n1,10,1\n"),
                        "--truth", write("truth-relevance.csv", "user_id,item_id,relevance\n1,10,yes\n")),
                metrics("metrics: control and high bytes in an id", "recs-bytes.csv",
                        "user_id,item_id,rank\n1,3\u0001\u00ff\u0000,1\n", "item_id '3\\x01\\xFF\\x00' is not a number"),
                metrics("metrics: a binary file", "recs-binary.bin", binary(3000), "not a CSV or TSV header"),
                metrics("metrics: a binary file without line breaks", "recs-long.bin", "x".repeat((1 << 20) + 10),
                        "line 1: longer than 1048576 characters"),
                metrics("metrics: no header line", "recs-no-header.csv", "1,10,1\n2,20,1\n",
                        "the first line must be a header"),
                metrics("metrics: an empty recs file", "recs-empty.csv", "", "recs-empty.csv: file is empty"),
                metrics("metrics: an unclosed quote", "recs-quote.csv", "user_id,item_id,rank\n1,\"3,1\n",
                        "line 2: a quoted field is not closed"),
                error("metrics: a truth file with a header only", List.of("--truth", "truth-header.csv", "a header but no rows"),
                        "metrics", "--recs", recs("recs-ok.csv", "user_id,item_id,rank\n1,10,1\n"),
                        "--truth", write("truth-header.csv", "user_id,item_id\n")),
                error("metrics: missing --recs", List.of("--recs", MISSING, "no such file or folder"),
                        "metrics", "--recs", MISSING, "--truth", FILE),
                error("metrics: a recs folder without data files", List.of("--recs", "recs-no-parts", "without a data file"),
                        "metrics", "--recs", folder("recs-no-parts"), "--truth", recs("truth-ok.csv", "user_id,item_id\n1,10\n")),
                error("metrics: part files with other headers", List.of("part-1.csv", "its header differs"),
                        "metrics", "--recs", parts("recs-parts", "user_id,item_id,rank\n1,10,1\n", "user_id,item_id,score\n1,10,1\n"),
                        "--truth", recs("truth-ok.csv", "user_id,item_id\n1,10\n")),
                error("metrics: --catalog-size -1", List.of("--catalog-size", "-1"), "metrics", "--recs", FILE, "--truth", FILE,
                        "--catalog-size", "-1"),
                error("metrics: --catalog-size below the items listed", List.of("--catalog-size 1 is smaller than the 2"),
                        "metrics", "--recs", recs("recs-two.csv", "user_id,item_id,rank\n1,10,1\n2,20,1\n"),
                        "--truth", recs("truth-ok.csv", "user_id,item_id\n1,10\n"), "--k", "1", "--catalog-size", "1"),
                error("models list: --artifacts is a file", List.of("--artifacts", FILE, "a file, not a folder"),
                        "models", "list", "--artifacts", FILE),
                error("models show: --artifacts is a file", List.of("--artifacts", FILE, "a file, not a folder"),
                        "models", "show", "popularity", "--artifacts", FILE),
                error("models list: --artifacts under a file", List.of("--artifacts", FILE + " is a file, not a folder"),
                        "models", "list", "--artifacts", FILE + "/artifacts"),
                error("models show: no such model", List.of("no model ghost", "manifest.json"),
                        "models", "show", "ghost", "--artifacts", MISSING),
                error("models list: a manifest that is not JSON", List.of("manifest.json", "not a valid manifest"),
                        "models", "list", "--artifacts", registryWithManifest("registry-bad-json", "{not json")),
                // picocli parse errors: one whole line each (so no usage block and no Java type name), naming the
                // option and the value, and pointing at the command's --help
                error("picocli: an int above 2^31-1", List.of("animerec: error: --k: '99999999999' is too large (at most "
                        + "2147483647) (see 'animerec train --help')"), "train", "--model", "popularity", "--split", FOLDER,
                        "--k", "99999999999"),
                error("picocli: a list element that is not an int", List.of("animerec: error: --k: 'abc' is not a whole "
                        + "number (see 'animerec evaluate --help')"), "evaluate", "--model", "popularity", "--split", FOLDER,
                        "--k", "5,abc"),
                error("picocli: a long that is not a number", List.of("animerec: error: --seed: 'abc' is not a whole number "
                        + "(see 'animerec generate --help')"), "generate", "--seed", "abc", "--out", out),
                error("picocli: a long of 2^63", List.of("animerec: error: --seed: '9223372036854775808' is too large (at "
                        + "most 9223372036854775807) (see 'animerec generate --help')"), "generate", "--seed",
                        "9223372036854775808", "--out", out),
                error("picocli: a list of longs with a word", List.of("animerec: error: --liked: 'x' is not a whole number "
                        + "(see 'animerec recommend --help')"), "recommend", "--model", "genre", "--liked", "1,x"),
                error("picocli: a double that is not a number", List.of("animerec: error: --test-ratio: 'x' is not a number "
                        + "(see 'animerec split --help')"), "split", "--data", FOLDER, "--test-ratio", "x", "--out", out),
                error("picocli: a boolean that is neither", List.of("animerec: error: --header: 'maybe' is not true or "
                        + "false (see 'animerec ingest --help')"), "ingest", "--format", "csv", "--input", FILE, "--out", out,
                        "--header=maybe"),
                error("picocli: an unknown option", List.of("animerec: error: unknown option '--bogus' (see 'animerec train "
                        + "--help')"), "train", "--model", "popularity", "--split", FOLDER, "--bogus"),
                error("picocli: a misspelt option, required ones missing", List.of("animerec: error: unknown option "
                        + "'--modle'; did you mean --model? (see 'animerec train --help')"), "train", "--modle", "als"),
                error("picocli: missing required options", List.of("animerec: error: missing --model, --split (see "
                        + "'animerec train --help')"), "train"),
                error("picocli: an option without its value", List.of("animerec: error: --k needs a value (found "
                        + "'--split') (see 'animerec train --help')"), "train", "--model", "popularity", "--k", "--split",
                        FOLDER),
                error("picocli: a missing positional parameter", List.of("animerec: error: missing NAME[@VERSION] (see "
                        + "'animerec models show --help')"), "models", "show"),
                error("picocli: an unknown command", List.of("animerec: error: unknown command 'trian'; did you mean train? "
                        + "(see 'animerec --help')"), "trian", "--model", "popularity"),
                error("picocli: an unknown subcommand", List.of("animerec: error: unknown command 'lsit'; did you mean "
                        + "list? (see 'animerec models --help')"), "models", "lsit"),
                error("picocli: an extra argument", List.of("animerec: error: unexpected argument 'extra' (see 'animerec "
                        + "models list --help')"), "models", "list", "extra"),
                error("picocli: an option given twice", List.of("animerec: error: --recs is given twice ('a.csv', "
                        + "'b.csv'); give it once (see 'animerec metrics --help')"), "metrics", "--recs", "a.csv",
                        "--recs=b.csv", "--truth", FILE),
                error("picocli: options that exclude each other", List.of("animerec: error: --quiet and --verbose cannot "
                        + "be given together (see 'animerec train --help')"), "train", "--model", "popularity", "--split",
                        FOLDER, "--quiet", "--verbose"),
                error("picocli: a KEY=VALUE option without =", List.of("animerec: error: --param: 'rank' is not KEY=VALUE "
                        + "(see 'animerec train --help')"), "train", "--model", "als", "--split", FOLDER, "--param", "rank"),
                error("bench-peers: an unknown family", List.of("--families", "'ease'", "svd, als, warp"),
                        "bench-peers", "--families", "svd,ease"),
                error("bench-peers: one timed epoch", List.of("--svd-epochs", "at least 2"),
                        "bench-peers", "--svd-epochs", "1"));
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
        List<String> before = tree();
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
        assertEquals(before, tree(), name + ": nothing written (no output folder, no registry change)");
    }

    /**
     * Every path under the test's folder (where each case's inputs, outputs and roots are) and under the default roots
     * of the working folder (artifacts, experiments), with sizes: what a refused command must leave as it was.
     */
    private static List<String> tree() {
        List<String> all = new java.util.ArrayList<>();
        for (Path root : List.of(TMP, Path.of("artifacts"), Path.of("experiments"))) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> paths = Files.walk(root)) {
                paths.forEach(p -> all.add(p + (Files.isRegularFile(p) ? " " + p.toFile().length() : "/")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        java.util.Collections.sort(all);
        return all;
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

    /**
     * A metrics case whose --recs file ({@code name}, written with {@code content}, chars as bytes) is refused: the one
     * line names --recs and the file and holds {@code expected}.
     */
    private static Arguments metrics(String caseName, String name, String content, String expected) {
        String recs = recs(name, content);
        return error(caseName, List.of("--recs " + recs, expected),
                "metrics", "--recs", recs, "--truth", recs("truth-ok.csv", "user_id,item_id\n1,10\n"));
    }

    /** Writes a file byte for byte (each char of {@code content} is one byte, ISO-8859-1). */
    private static String recs(String name, String content) {
        try {
            return Files.writeString(TMP.resolve(name), content, java.nio.charset.StandardCharsets.ISO_8859_1).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Seeded random bytes, as chars. */
    private static String binary(int n) {
        byte[] b = new byte[n];
        new java.util.Random(19).nextBytes(b);
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** A folder of part files (part-0.csv, part-1.csv, ...) with these contents. */
    private static String parts(String name, String... contents) {
        String dir = folder(name);
        for (int i = 0; i < contents.length; i++) {
            recs(name + "/part-" + i + ".csv", contents[i]);
        }
        return dir;
    }

    /** A folder with split.json (and no tables), enough for the checks that come before Spark. */
    private static String splitFolder(String name) {
        String dir = folder(name);
        write(name + "/split.json", "{}\n");
        return dir;
    }

    /** A split folder with one more file at {@code relative}. */
    private static String splitWith(String name, String relative, byte[] content) {
        splitFolder(name);
        return withFile(name, relative, content);
    }

    /** A folder {@code name} (created if need be) holding {@code content} at {@code relative}. */
    private static String withFile(String name, String relative, byte[] content) {
        try {
            Path f = Files.createDirectories(TMP.resolve(name)).resolve(relative);
            Files.createDirectories(f.getParent());
            Files.write(f, content);
            return TMP.resolve(name).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes that start with Parquet's magic and go on (cut, they lack the closing magic). */
    private static byte[] parquetLike() {
        byte[] b = new byte[64];
        System.arraycopy("PAR1".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, b, 0, 4);
        return b;
    }

    /** An artifact root whose manifest.json holds {@code manifest}. */
    private static String registryWithManifest(String name, String manifest) {
        String dir = folder(name);
        recs(name + "/manifest.json", manifest);
        return dir;
    }
}
