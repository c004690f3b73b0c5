package animerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.testing.SparkTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code split --strategy given}: watched-unrated rows (an empty rating, or the --unrated-marker value) become null ratings. */
class GivenSplitTest {
    @TempDir
    Path tmp;

    /** "user item" -> rating (null for watched-unrated) of a written split table. */
    private static Map<String, Double> ratings(String table) {
        Map<String, Double> out = new HashMap<>();
        for (Row r : SparkTestSupport.spark().read().parquet(table).collectAsList()) {
            out.put(r.getLong(0) + " " + r.getLong(1), r.isNullAt(2) ? null : r.getDouble(2));
        }
        return out;
    }

    private void writeFiles() throws Exception {
        Files.writeString(tmp.resolve("train.tsv"), "user_id\titem_id\trating\ttimestamp\n"
                + "1\t10\t8\t100\n1\t11\t\t101\n1\t12\t-1\t102\n2\t10\t-1\t103\n2\t13\t6\t104\n");
        Files.writeString(tmp.resolve("test.tsv"), "user_id\titem_id\trating\ttimestamp\n"
                + "1\t13\t\t200\n2\t11\t-1\t201\n2\t12\t9\t202\n");
    }

    @Test
    void emptyAndMarkedRatingsBecomeNull() throws Exception {
        writeFiles();
        String out = tmp.resolve("split").toString();
        CliRunner.Result r = CliRunner.run("split", "--strategy", "given", "--train", tmp.resolve("train.tsv").toString(),
                "--test", tmp.resolve("test.tsv").toString(), "--unrated-marker", "-1", "--out", out);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        Map<String, Double> train = ratings(out + "/train");
        assertEquals(5, train.size());
        assertEquals(8.0, train.get("1 10"));
        assertEquals(6.0, train.get("2 13"));
        for (String unrated : new String[] {"1 11", "1 12", "2 10"}) {
            assertTrue(train.containsKey(unrated) && train.get(unrated) == null, unrated + " in " + train);
        }
        Map<String, Double> test = ratings(out + "/test");
        assertEquals(3, test.size());
        assertTrue(test.containsKey("1 13") && test.get("1 13") == null, test.toString());
        assertTrue(test.containsKey("2 11") && test.get("2 11") == null, test.toString());
        assertEquals(9.0, test.get("2 12"));
        assertFalse(r.out().contains("note:"), r.out());
    }

    @Test
    void withoutAMarkerMinusOneStaysARatingAndTheUserIsTold() throws Exception {
        writeFiles();
        String out = tmp.resolve("split").toString();
        CliRunner.Result r = CliRunner.run("split", "--strategy", "given", "--train", tmp.resolve("train.tsv").toString(),
                "--test", tmp.resolve("test.tsv").toString(), "--out", out);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        Map<String, Double> train = ratings(out + "/train");
        assertTrue(train.containsKey("1 11") && train.get("1 11") == null, "an empty field is unrated: " + train);
        assertEquals(-1.0, train.get("1 12"));
        assertTrue(r.out().contains("2 rows have rating -1") && r.out().contains("--unrated-marker -1"), r.out());
    }

    @Test
    void theMarkerIsOnlyForTheGivenStrategy() {
        CliRunner.Result r = CliRunner.run("split", "--data", tmp.toString(), "--strategy", "random", "--unrated-marker", "-1",
                "--out", tmp.resolve("x").toString());
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().startsWith("animerec: error: ") && r.err().contains("--unrated-marker"), r.err());
    }
}
