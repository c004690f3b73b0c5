package animerec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.util.FileAccess;
import animerec.util.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain-Java evaluation of `metrics` on small hand-made files, against values computed by hand (the first case is
 * {@link RankingEvaluatorTest}'s, so both evaluators are held to the same numbers). No SparkSession.
 */
class LocalRankingEvaluatorTest {
    private static final FileAccess LOCAL = new FileAccess(Path::of, () -> {
        throw new AssertionError("a local file must not go through Hadoop");
    });

    @TempDir
    Path tmp;

    private String write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content, StandardCharsets.ISO_8859_1).toString();
    }

    private static LinkedHashMap<String, Double> evaluate(String recs, String truth, int[] ks, UserSet users, long catalog) {
        return new LocalRankingEvaluator(ks, users).evaluate(RankingFiles.readRecommendations(LOCAL, recs, "--recs"),
                RankingFiles.readTruth(LOCAL, truth, "--truth"), catalog);
    }

    @Test
    void handComputedMetricsForTwoUsers() throws IOException {
        // user 1: list [10, 20, 30], relevant {20, 40}; user 2: no list, relevant {10} (zeros, counted)
        String recs = write("recs.csv", "user_id,item_id,rank,score\n1,10,1,3.0\n1,20,2,2.0\n1,30,3,1.0\n");
        String truth = write("truth.csv", "user_id,item_id\n1,20\n1,40\n2,10\n");
        LinkedHashMap<String, Double> m = evaluate(recs, truth, new int[] {2}, UserSet.TRUTH, 4);
        assertEquals(List.of("precision@2", "recall@2", "f1@2", "ndcg@2", "map@2", "hit_rate@2", "mrr", "coverage@2", "users"),
                List.copyOf(m.keySet()), "the Spark evaluator's keys, in its order");
        assertEquals(2.0, m.get("users"), 0.0);
        assertEquals((1.0 / 2.0) / 2, m.get("precision@2"), 1e-12);
        assertEquals((1.0 / 2.0) / 2, m.get("recall@2"), 1e-12);
        assertEquals(((1.0 / 2.0) / 2) / 2, m.get("map@2"), 1e-12);
        double ndcg1 = (1 / Math.log(3)) / (1 / Math.log(2) + 1 / Math.log(3));
        assertEquals(ndcg1 / 2, m.get("ndcg@2"), 1e-12);
        assertEquals(0.5 / 2, m.get("mrr"), 1e-12);
        assertEquals(1.0 / 2, m.get("hit_rate@2"), 1e-12);
        assertEquals(0.5 / 2, m.get("f1@2"), 1e-12); // user 1: P = R = 1/2, F1 = 1/2
        assertEquals(2.0 / 4.0, m.get("coverage@2"), 1e-12); // items 10 and 20 within rank 2, of 4
    }

    @Test
    void scoresRankHighestFirstWithTiesByItemAndRelevanceFilters() throws IOException {
        // TSV, score only, rows out of order: user 1 ranks 10 (0.9), 20 (0.5, the lower id), 30 (0.5); user 3 has a
        // list but no truth; truth keeps relevance > 0 only: user 1 {30}, user 2 (relevance 0) is no truth user
        String recs = write("recs.tsv", "user_id\tanime_id\tscore\n1\t30\t0.5\n1\t10\t0.9\n1\t20\t0.5\n3\t7\t1.0\n");
        String truth = write("truth.csv", "user_id,item_id,relevance\n1,30,1\n1,10,0\n2,5,0\n");
        LinkedHashMap<String, Double> t = evaluate(recs, truth, new int[] {1, 3}, UserSet.TRUTH, 10);
        assertEquals(1.0, t.get("users"), 0.0);
        assertEquals(0.0, t.get("precision@1"), 0.0);
        assertEquals(1.0 / 3, t.get("precision@3"), 1e-12);
        assertEquals(1.0, t.get("recall@3"), 1e-12);
        assertEquals(Math.log(2) / Math.log(4), t.get("ndcg@3"), 1e-12); // one hit at position 3, ideal at 1
        assertEquals(1.0 / 3, t.get("map@3"), 1e-12);
        assertEquals(1.0 / 3, t.get("mrr"), 1e-12);
        assertEquals(0.0, t.get("hit_rate@1"), 0.0);
        assertEquals(1.0, t.get("hit_rate@3"), 0.0);
        assertEquals(2.0 / 10, t.get("coverage@1"), 1e-12); // 10 (user 1) and 7 (user 3) at rank 1
        assertEquals(4.0 / 10, t.get("coverage@3"), 1e-12);
        LinkedHashMap<String, Double> u = evaluate(recs, truth, new int[] {1, 3}, UserSet.UNION, 0);
        assertEquals(2.0, u.get("users"), 0.0); // user 3 joins as zeros; user 2 has neither a list nor a relevant item
        assertEquals(Math.log(2) / Math.log(4) / 2, u.get("ndcg@3"), 1e-12);
        assertTrue(!u.containsKey("coverage@1"), "no coverage without a catalogue size");
    }

    @Test
    void rankTiesGoToTheLowerItemAndDuplicatesCountOnce() throws IOException {
        // ranks 1, 1, 2: items 10 then 20 (tie by id), then 10 again (a duplicate, dropped): [10, 20]
        String recs = write("recs.csv", "user_id,item_id,rank\n1,20,1\n1,10,1\n1,10,2\n");
        String truth = write("truth.csv", "user_id,item_id\n1,20\n1,20\n");
        LinkedHashMap<String, Double> m = evaluate(recs, truth, new int[] {1, 2}, UserSet.TRUTH, 0);
        assertEquals(0.0, m.get("precision@1"), 0.0);
        assertEquals(0.5, m.get("precision@2"), 1e-12);
        assertEquals(0.5, m.get("mrr"), 1e-12);
        assertEquals(1.0, m.get("recall@2"), 1e-12); // truth has set semantics: {20}
    }

    @Test
    void rowsInAnyOrderGiveTheListsOfRowsGroupedAndSorted() throws IOException {
        // the first file is grouped by user and sorted (read without sorting), the second interleaves the users
        String grouped = write("grouped.csv", "user_id,item_id,rank\n1,10,1\n1,20,2\n1,30,3\n2,30,1\n2,40,2\n");
        String mixed = write("mixed.csv", "user_id,item_id,rank\n2,40,2\n1,20,2\n2,30,1\n1,30,3\n1,10,1\n");
        String truth = write("truth.csv", "user_id,item_id\n1,20\n2,40\n");
        assertEquals(evaluate(grouped, truth, new int[] {1, 2, 3}, UserSet.TRUTH, 0),
                evaluate(mixed, truth, new int[] {1, 2, 3}, UserSet.TRUTH, 0));
        assertEquals(0.5, evaluate(mixed, truth, new int[] {1}, UserSet.TRUTH, 0).get("mrr"), 1e-12);
    }

    @Test
    void aFolderOfPartFilesReadsAsOneFile() throws IOException {
        // as Spark writes a CSV folder: part files (one gzipped, CRLF line ends, a quoted field, a byte order mark,
        // blank lines), _SUCCESS, a checksum file; it scores as the one plain file does
        String plain = write("recs.csv", "user_id,item_id,rank\n1,10,1\n1,20,2\n2,30,1\n");
        Path dir = Files.createDirectories(tmp.resolve("recs-folder"));
        Files.writeString(dir.resolve("part-00000.csv"), "\u00ef\u00bb\u00bfuser_id,item_id,rank\r\n1,\"10\",1\r\n\r\n1,20,2\r\n",
                StandardCharsets.ISO_8859_1);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("part-00001.csv.gz")))) {
            out.write("user_id,item_id,rank\n2,30,1\n".getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(dir.resolve("part-00002.csv"), ""); // an empty partition
        Files.writeString(dir.resolve("_SUCCESS"), "");
        Files.writeString(dir.resolve(".part-00000.csv.crc"), "\u0000\u0001");
        String truth = write("truth.csv", "user_id,item_id\n1,20\n2,30\n");
        assertEquals(evaluate(plain, truth, new int[] {1, 2}, UserSet.TRUTH, 5),
                evaluate(dir.toString(), truth, new int[] {1, 2}, UserSet.TRUTH, 5));
        assertEquals(0.75, evaluate(dir.toString(), truth, new int[] {1}, UserSet.TRUTH, 0).get("mrr"), 1e-12);
    }

    @Test
    void aCatalogueSmallerThanTheRecommendedItemsIsAUserError() throws IOException {
        String recs = write("recs.csv", "user_id,item_id,rank\n1,10,1\n2,20,1\n");
        String truth = write("truth.csv", "user_id,item_id\n1,10\n");
        UserError e = assertThrows(UserError.class, () -> evaluate(recs, truth, new int[] {1}, UserSet.TRUTH, 1));
        assertTrue(e.getMessage().contains("--catalog-size 1"), e.getMessage());
    }
}
