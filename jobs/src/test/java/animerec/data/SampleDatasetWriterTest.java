package animerec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.data.generate.SampleDatasetWriter;
import animerec.data.generate.SampleSpec;
import animerec.testing.SparkTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDatasetWriterTest {
    private final SparkSession spark = SparkTestSupport.spark();

    @TempDir
    Path tmp;

    private static final SampleSpec SMALL = new SampleSpec(300, 120, 6_000, 42, 0.1, 8);

    /** SHA-256 of every Parquet data file of a table, sorted (file names carry random ids). */
    private static List<String> dataFileDigests(Path table) throws IOException {
        try (Stream<Path> files = Files.list(table)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).map(p -> {
                try {
                    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }).sorted().toList();
        }
    }

    @Test
    void sameSeedGivesByteIdenticalTables() throws IOException {
        SampleDatasetWriter.write(spark, SMALL, tmp.resolve("a").toString());
        SampleDatasetWriter.write(spark, SMALL, tmp.resolve("b").toString());
        SampleDatasetWriter.write(spark, new SampleSpec(300, 120, 6_000, 43, 0.1, 8), tmp.resolve("c").toString());
        for (String table : List.of("interactions", "items")) {
            List<String> a = dataFileDigests(tmp.resolve("a").resolve(table));
            assertTrue(!a.isEmpty());
            assertEquals(a, dataFileDigests(tmp.resolve("b").resolve(table)), table);
            assertNotEquals(a, dataFileDigests(tmp.resolve("c").resolve(table)), table);
        }
    }

    @Test
    void writesTheDataContract() {
        SampleDatasetWriter.write(spark, SMALL, tmp.resolve("d").toString());
        Dataset<Row> interactions = Datasets.readInteractions(spark, tmp.resolve("d").toString(), ColumnMapping.identity());
        long n = interactions.count();
        assertTrue(Math.abs(n - 6_000) <= 600, "interactions " + n);
        assertEquals(n, interactions.select(Columns.USER, Columns.ITEM).distinct().count(), "no duplicate pairs");
        assertEquals(0, interactions.filter("rating < 1 or rating > 10").count());
        long unrated = interactions.filter("rating is null").count();
        assertTrue(unrated > n * 0.05 && unrated < n * 0.15, "unrated " + unrated);
        Dataset<Row> items = Datasets.readItemsOrNull(spark, tmp.resolve("d").toString());
        assertEquals(120, items.count());
        assertEquals(0, items.filter("size(genres) = 0 or name is null or synopsis is null").count());
    }
}
