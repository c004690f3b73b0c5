package animerec.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.testing.SparkTestSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Spark writes, {@link ParquetRows} reads back without Spark: every type our tables hold, nulls, several files. */
class ParquetRowsTest {
    @TempDir
    Path tmp;

    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("n", DataTypes.IntegerType, true)
            .add("x", DataTypes.DoubleType, true)
            .add("name", DataTypes.StringType, true)
            .add("factors", DataTypes.createArrayType(DataTypes.FloatType, false), true)
            .add("tags", DataTypes.createArrayType(DataTypes.StringType, false), true)
            .add("vector", SQLDataTypes.VectorType(), true);

    @Test
    void everyColumnTypeAndNullReadsBackAsSparkWroteIt() throws java.io.IOException {
        SparkSession spark = SparkTestSupport.spark();
        List<Row> rows = new ArrayList<>();
        for (long id = 0; id < 50; id++) {
            boolean nulls = id % 7 == 3;
            Vector v = id % 2 == 0 ? Vectors.sparse(10, new int[] {0, 2 + (int) (id % 7)}, new double[] {0.5, -id})
                    : Vectors.dense(id, -1.25, 0);
            rows.add(RowFactory.create(id, nulls ? null : (int) (id * 3), nulls ? null : id / 4.0, nulls ? null : "it&#039;s " + id,
                    nulls ? null : scala.jdk.javaapi.CollectionConverters.asScala(List.of(id * 0.5f, -1f)).toSeq(),
                    nulls ? null : scala.jdk.javaapi.CollectionConverters.asScala(id % 5 == 0 ? List.<String>of() : List.of("a", "b" + id)).toSeq(),
                    nulls ? null : v));
        }
        String path = tmp.resolve("table").toString();
        spark.createDataFrame(rows, SCHEMA).repartition(3).write().parquet(path);
        Map<Long, Row> expected = new TreeMap<>();
        rows.forEach(r -> expected.put(r.getLong(0), r));

        FileAccess local = new FileAccess(Path::of, () -> null);
        FileAccess hadoop = FileAccess.hadoop(spark.sparkContext().hadoopConfiguration());
        for (FileAccess files : List.of(local, hadoop)) {
            List<Long> seen = new ArrayList<>();
            ParquetRows.read(files, path, List.of("vector", "id", "n", "x", "name", "factors", "tags"), r -> {
                long id = r.getLong(1);
                seen.add(id);
                Row e = expected.get(id);
                assertEquals(e.isNullAt(1), r.isNull(2), "n of " + id);
                if (!e.isNullAt(1)) {
                    assertEquals(e.getInt(1), r.getInt(2));
                    assertEquals(e.getDouble(2), r.getDouble(3), 0.0);
                    assertEquals(e.getString(3), r.getString(4), "strings as written (decoding is the caller's)");
                    float[] f = r.floats(5);
                    assertArrayEquals(new float[] {id * 0.5f, -1f}, f);
                    assertEquals(e.<String>getList(5), r.strings(6));
                    assertEquals(e.get(6), r.vector(0), "vector of " + id);
                    assertEquals(e.get(6).getClass(), r.vector(0).getClass());
                } else {
                    assertNull(r.floats(5));
                    assertTrue(r.strings(6).isEmpty());
                    assertNull(r.vector(0));
                    assertThrows(IllegalStateException.class, () -> r.getInt(2));
                }
            });
            seen.sort(null);
            assertEquals(new ArrayList<>(expected.keySet()), seen, "every row once, from every part file");
        }
        UserError missing = assertThrows(UserError.class, () -> ParquetRows.read(local, path, List.of("id", "ghost"), r -> { }));
        assertTrue(missing.getMessage().contains("no column ghost"), missing.getMessage());
        assertThrows(UserError.class, () -> ParquetRows.read(local, tmp.resolve("nothing").toString(), List.of("id"), r -> { }));
        Path empty = tmp.resolve("broken");
        java.nio.file.Files.createDirectories(empty);
        java.nio.file.Files.write(empty.resolve("part-00000.parquet"), new byte[0]);
        UserError broken = assertThrows(UserError.class, () -> ParquetRows.read(local, empty.toString(), List.of("id"), r -> { }));
        assertTrue(broken.getMessage().contains("part-00000.parquet: cannot read it as Parquet"), broken.getMessage());
    }
}
