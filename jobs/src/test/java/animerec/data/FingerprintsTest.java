package animerec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import animerec.testing.SparkTestSupport;
import animerec.util.FileAccess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fingerprint of a Parquet table computed without Spark ({@link Fingerprints#ofParquetOrNull}, what serve compares
 * with the one {@code features} stored) is {@link Fingerprints#of} of the table Spark reads: every type an items table
 * holds, nulls, null list elements, empty lists, -0.0 and NaN, decoded names, several part files.
 */
class FingerprintsTest {
    private static final FileAccess LOCAL = new FileAccess(Path::of, () -> null);

    @TempDir
    Path tmp;

    private static scala.collection.immutable.Seq<Object> seq(Object... xs) {
        return scala.jdk.javaapi.CollectionConverters.asScala(Arrays.asList(xs)).toSeq();
    }

    @Test
    void withoutSparkAsSparkComputesItForTheItemsTable() {
        SparkSession spark = SparkTestSupport.spark();
        StructType schema = new StructType()
                .add(Columns.ITEM, DataTypes.LongType, false)
                .add(Columns.NAME, DataTypes.StringType, true)
                .add(Columns.GENRES, DataTypes.createArrayType(DataTypes.StringType, true), true)
                .add(Columns.SYNOPSIS, DataTypes.StringType, true)
                .add(Columns.TYPE, DataTypes.StringType, true)
                .add(Columns.EPISODES, DataTypes.IntegerType, true)
                .add(Columns.MEMBERS, DataTypes.LongType, true)
                .add(Columns.RATING, DataTypes.DoubleType, true)
                .add("weight", DataTypes.FloatType, true)
                .add("airing", DataTypes.BooleanType, true)
                .add("factors", DataTypes.createArrayType(DataTypes.FloatType, false), true);
        double[] ratings = {7.5, -0.0, 0.0, Double.NaN, -3.25e100};
        List<Row> rows = new ArrayList<>();
        for (long id = 1; id <= 40; id++) {
            boolean nulls = id % 6 == 0;
            rows.add(RowFactory.create(id, nulls ? null : "Fate&#039;s " + id + " &amp; co",
                    nulls ? null : id % 5 == 0 ? seq() : seq("Action", id % 3 == 0 ? null : "Drama " + id),
                    nulls ? null : "a &quot;synopsis&quot; " + id, nulls ? null : "TV",
                    nulls ? null : (int) (id * 7 - 100), nulls ? null : id * 1_000_003L,
                    nulls ? null : ratings[(int) (id % ratings.length)], nulls ? null : id % 4 == 0 ? -0.0f : id / 3f,
                    nulls ? null : id % 2 == 0, nulls ? null : seq(id * 0.5f, -1f)));
        }
        String data = tmp.resolve("data").toString();
        String items = tmp.resolve("data").resolve(Columns.ITEMS_TABLE).toString();
        spark.createDataFrame(rows, schema).repartition(3).write().parquet(items);

        String expected = Fingerprints.of(Datasets.readItemsOrNull(spark, data));
        assertEquals(expected, ItemInfo.fingerprintOrNull(LOCAL, data), "decoded names and synopses, as Spark reads it");
        assertEquals(expected, ItemInfo.fingerprintOrNull(FileAccess.hadoop(spark.sparkContext().hadoopConfiguration()), data));
        assertEquals(Fingerprints.of(spark.read().parquet(items)), Fingerprints.ofParquetOrNull(LOCAL, items, Map.of()),
                "nothing decoded");
        assertNotEquals(expected, Fingerprints.ofParquetOrNull(LOCAL, items, Map.of()));

        String empty = tmp.resolve("empty").toString();
        spark.createDataFrame(List.of(), schema).write().parquet(empty);
        assertEquals(Fingerprints.of(spark.read().parquet(empty)), Fingerprints.ofParquetOrNull(LOCAL, empty, Map.of()));
    }

    @Test
    void aColumnNotHashedHereGivesNull() {
        SparkSession spark = SparkTestSupport.spark();
        String path = tmp.resolve("vectors").toString();
        spark.createDataFrame(List.of(RowFactory.create(1L, Vectors.dense(1, 2))), new StructType()
                .add(Columns.ITEM, DataTypes.LongType).add("vector", SQLDataTypes.VectorType())).write().parquet(path);
        assertNull(Fingerprints.ofParquetOrNull(LOCAL, path, Map.of()));
    }
}
