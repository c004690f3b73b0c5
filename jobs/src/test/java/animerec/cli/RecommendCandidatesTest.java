package animerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.data.Columns;
import animerec.testing.SparkTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code recommend --users all} exports the harness's candidates: items seen in train, minus the user's own train
 * items; {@code --all-items} lets a content model list catalogue items nobody interacted with.
 */
class RecommendCandidatesTest {
    @TempDir
    static Path tmp;

    private static String split;
    private static String artifacts;

    private static Row item(long id, String... genres) {
        return RowFactory.create(id, "item " + id, scala.jdk.javaapi.CollectionConverters.asScala(List.of(genres)).toSeq(),
                null, null, null, null);
    }

    @BeforeAll
    static void trainAGenreModel() {
        SparkSession spark = SparkTestSupport.spark();
        String data = tmp.resolve("data").toString();
        // items 1-6 are watched; 7 and 8 (the genres of 1-4) nobody watched, so they are no candidates
        List<Row> items = List.of(item(1, "Action"), item(2, "Action", "Drama"), item(3, "Drama"), item(4, "Action"),
                item(5, "Music"), item(6, "Music", "School"), item(7, "Action"), item(8, "Action", "Drama"));
        spark.createDataFrame(items, Columns.ITEMS).write().parquet(data + "/items");
        List<Row> rows = new ArrayList<>();
        long[][] watched = {{1, 2, 3, 5}, {1, 4, 6, 2}, {2, 3, 4, 5}, {5, 6, 1, 3}, {1, 3, 4, 6}, {2, 4, 5, 6}};
        for (int u = 0; u < watched.length; u++) {
            for (int i = 0; i < watched[u].length; i++) {
                rows.add(RowFactory.create(u + 1L, watched[u][i], 1.0 + ((u + i) % 5), (long) i));
            }
        }
        spark.createDataFrame(rows, Columns.INTERACTIONS).write().parquet(data + "/interactions");
        split = tmp.resolve("split").toString();
        artifacts = tmp.resolve("artifacts").toString();
        ok("split", "--data", data, "--strategy", "random", "--test-ratio", "0.25", "--out", split);
        ok("train", "--model", "genre", "--split", split, "--artifacts", artifacts, "--experiments", tmp.resolve("exp").toString());
    }

    private static CliRunner.Result ok(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + "\n" + r.out() + r.err());
        return r;
    }

    /** Rows "user item" of an exported CSV, checked to be ranked 1..n per user. */
    private static List<String> export(String name, String... extra) throws Exception {
        String out = tmp.resolve(name).toString();
        List<String> args = new ArrayList<>(List.of("recommend", "--model", "genre", "--users", "all", "--k", "5",
                "--out", out, "--artifacts", artifacts));
        args.addAll(List.of(extra));
        ok(args.toArray(new String[0]));
        List<String> lines = Files.readAllLines(Path.of(out));
        assertEquals("user_id,item_id,rank,score", lines.get(0));
        List<String> pairs = new ArrayList<>();
        String user = "";
        int rank = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            rank = f[0].equals(user) ? rank + 1 : 1;
            user = f[0];
            assertEquals(String.valueOf(rank), f[2], "ranks 1..n per user after the filter: " + line);
            pairs.add(f[0] + " " + f[1]);
        }
        return pairs;
    }

    /**
     * Issue 19: requested users the model never saw in training are named in one stderr note that says what they get,
     * counted from the export: the genre model's popularity fallback lists items for them, item-knn nothing. The CSV
     * on stdout stays clean, and known users alone get no note.
     */
    @Test
    void unknownUsersAreNamedInANoteSayingWhatTheyGet() {
        CliRunner.Result genre = ok("recommend", "--model", "genre", "--users", "1,12345", "--k", "3", "--artifacts", artifacts);
        assertEquals(List.of("note: 1 of the requested users is not in the training data (e.g. 12345); they get the most "
                + "popular items (popularity fallback)"), genre.err().lines().filter(l -> l.startsWith("note:")).toList(),
                genre.err());
        assertEquals(3, genre.out().lines().filter(l -> l.startsWith("12345,")).count(), genre.out());
        assertTrue(genre.out().lines().skip(1).allMatch(l -> l.matches("\\d+,\\d+,\\d+,.*")), "only CSV rows on stdout: "
                + genre.out());

        ok("train", "--model", "item-knn", "--split", split, "--artifacts", artifacts, "--experiments",
                tmp.resolve("exp").toString());
        CliRunner.Result knn = ok("recommend", "--model", "item-knn", "--users", "1,12345,777", "--k", "3",
                "--artifacts", artifacts);
        assertEquals(List.of("note: 2 of the requested users are not in the training data (e.g. 777); they get no "
                + "recommendations (item-knn scores only users it was trained on)"),
                knn.err().lines().filter(l -> l.startsWith("note:")).toList(), knn.err());
        assertTrue(knn.out().lines().anyMatch(l -> l.startsWith("1,")), knn.out());
        assertTrue(knn.out().lines().noneMatch(l -> l.startsWith("12345,") || l.startsWith("777,")), knn.out());

        CliRunner.Result known = ok("recommend", "--model", "genre", "--users", "1,2", "--k", "3", "--artifacts", artifacts);
        assertFalse(known.err().contains("note:"), known.err());
    }

    /**
     * Issue 20: a model serve can hold is exported from memory, without Spark, and that export is the Spark job's to
     * the byte (ties and the candidate rule included), for all users, for named ones with an unknown one among them,
     * and with --all-items.
     */
    @ParameterizedTest
    @ValueSource(strings = {"als", "item-knn", "popularity"})
    void theExportFromMemoryIsTheSparkJobs(String family) throws Exception {
        String name = family;
        ok("train", "--model", family, "--split", split, "--artifacts", artifacts, "--experiments",
                tmp.resolve("exp").toString());
        for (List<String> what : List.of(List.of("--users", "all"), List.of("--users", "3,1,99999,2"),
                List.of("--users", "all", "--all-items"))) {
            List<String> args = new ArrayList<>(List.of("recommend", "--model", name, "--k", "4", "--artifacts", artifacts));
            args.addAll(what);
            Path memory = tmp.resolve(name + "-memory.csv");
            Path spark = tmp.resolve(name + "-spark.csv");
            List<String> memoryArgs = new ArrayList<>(args);
            memoryArgs.addAll(List.of("--out", memory.toString()));
            CliRunner.Result m = ok(memoryArgs.toArray(new String[0]));
            assertTrue(m.err().contains("from memory (no Spark)"), m.err());
            List<String> sparkArgs = new ArrayList<>(args);
            sparkArgs.addAll(List.of("--out", spark.toString(), "--spark"));
            CliRunner.Result sp = ok(sparkArgs.toArray(new String[0]));
            assertFalse(sp.err().contains("from memory"), sp.err());
            if (family.equals("als")) { // a factor model's scores are the same to the bit
                assertEquals(Files.readString(spark), Files.readString(memory), family + " " + what);
            }
            sameLists(Files.readAllLines(spark), Files.readAllLines(memory), family + " " + what);
            assertTrue(Files.readAllLines(memory).size() > 1, family + " " + what + ": no rows");
            assertEquals(sp.err().lines().filter(l -> l.startsWith("note:")).toList(),
                    m.err().lines().filter(l -> l.startsWith("note:")).toList(), family + " " + what);
            assertEquals(sp.out().replace(spark.toString(), "F"), m.out().replace(memory.toString(), "F"));
        }
    }

    /**
     * The same users, items and ranks line by line, and scores equal up to the order of a floating-point sum (the
     * served models' contract: item-knn adds a user's neighbour similarities in another order than Spark does).
     */
    private static void sameLists(List<String> expected, List<String> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": rows");
        for (int i = 0; i < expected.size(); i++) {
            String[] e = expected.get(i).split(",");
            String[] a = actual.get(i).split(",");
            assertEquals(e[0] + "," + e[1] + "," + e[2], a[0] + "," + a[1] + "," + a[2], what + ", line " + (i + 1));
            if (i > 0) {
                double x = Double.parseDouble(e[3]);
                assertEquals(x, Double.parseDouble(a[3]), 1e-12 * Math.max(1, Math.abs(x)), what + ", line " + (i + 1));
            }
        }
    }

    @Test
    void theExportHoldsOnlyTrainItemsTheUserHasNot() throws Exception {
        Set<String> own = new HashSet<>();
        Set<Long> trainItems = new HashSet<>();
        for (Row r : SparkTestSupport.spark().read().parquet(split + "/train").collectAsList()) {
            own.add(r.getLong(0) + " " + r.getLong(1));
            trainItems.add(r.getLong(1));
        }
        assertFalse(trainItems.contains(7L) || trainItems.contains(8L));
        List<String> recs = export("recs.csv");
        assertFalse(recs.isEmpty());
        for (String pair : recs) {
            assertTrue(trainItems.contains(Long.valueOf(pair.split(" ")[1])), "not a train item: " + pair);
            assertFalse(own.contains(pair), "the user's own train item: " + pair);
        }
        // --all-items lets the genre model list the items nobody watched, as before
        List<String> all = export("all.csv", "--all-items");
        assertTrue(all.stream().anyMatch(p -> p.endsWith(" 7") || p.endsWith(" 8")), all.toString());
        for (String pair : all) {
            assertFalse(own.contains(pair), "the user's own train item: " + pair);
        }
    }
}
