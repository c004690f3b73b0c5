package animerec.util;

import static animerec.util.ParquetRows.Kind.DOUBLE;
import static animerec.util.ParquetRows.Kind.FLOATS;
import static animerec.util.ParquetRows.Kind.INT;
import static animerec.util.ParquetRows.Kind.LONG;
import static animerec.util.ParquetRows.Kind.STRING;
import static animerec.util.ParquetRows.Kind.STRINGS;
import static animerec.util.ParquetRows.Kind.VECTOR;
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
            ParquetRows.read(files, path, List.of(VECTOR.of("vector"), LONG.of("id"), INT.of("n"),
                    DOUBLE.of("x"), STRING.of("name"), FLOATS.of("factors"), STRINGS.of("tags")), r -> {
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
        UserError missing = assertThrows(UserError.class, () -> ParquetRows.read(local, path, List.of(LONG.of("id"), LONG.of("ghost")), r -> { }));
        assertTrue(missing.getMessage().contains("no column ghost"), missing.getMessage());
        assertThrows(UserError.class, () -> ParquetRows.read(local, tmp.resolve("nothing").toString(), List.of(LONG.of("id")), r -> { }));
        Path empty = tmp.resolve("broken");
        java.nio.file.Files.createDirectories(empty);
        java.nio.file.Files.write(empty.resolve("part-00000.parquet"), new byte[0]);
        UserError broken = assertThrows(UserError.class, () -> ParquetRows.read(local, empty.toString(), List.of(LONG.of("id")), r -> { }));
        assertTrue(broken.getMessage().contains("part-00000.parquet: cannot read it as Parquet"), broken.getMessage());
    }

    @Test
    void aColumnOfAnotherTypeIsAOneLineErrorNamingFileColumnAndTypesBeforeAnyRow() {
        SparkSession spark = SparkTestSupport.spark();
        List<Row> rows = new ArrayList<>();
        for (long id = 0; id < 4; id++) {
            rows.add(RowFactory.create(id, (int) id, id / 2.0, (float) id, "s" + id,
                    scala.jdk.javaapi.CollectionConverters.asScala(List.of(id * 1.5)).toSeq()));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType).add("n", DataTypes.IntegerType)
                .add("x", DataTypes.DoubleType).add("f", DataTypes.FloatType).add("name", DataTypes.StringType)
                .add("xs", DataTypes.createArrayType(DataTypes.DoubleType, false));
        String path = tmp.resolve("typed").toString();
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(path);
        FileAccess local = new FileAccess(Path::of, () -> null);
        List<List<ParquetRows.Column>> wrong = List.of(List.of(LONG.of("x")), List.of(LONG.of("name")),
                List.of(INT.of("id")), List.of(DOUBLE.of("name")), List.of(STRING.of("id")), List.of(FLOATS.of("xs")),
                List.of(STRINGS.of("name")), List.of(VECTOR.of("n")), List.of(INT.of("f")), List.of(FLOATS.of("f")));
        for (List<ParquetRows.Column> columns : wrong) {
            ParquetRows.Column c = columns.get(0);
            List<Long> read = new ArrayList<>();
            UserError e = assertThrows(UserError.class, () -> ParquetRows.read(local, path, columns, r -> read.add(0L)),
                    c.toString());
            String m = e.getMessage();
            assertTrue(m.matches(".*/typed/part-[^ ]*\\.parquet: column " + c.name() + " is .*, expected an? "
                    + c.kind() + "$"), m);
            assertTrue(!m.contains("\n"), m);
            assertEquals(List.of(), read, "no row before the check: " + m);
        }
        UserError named = assertThrows(UserError.class, () -> ParquetRows.read(local, path, List.of(LONG.of("name")), r -> { }));
        assertTrue(named.getMessage().endsWith("column name is a string, expected a long"), named.getMessage());
        // the exact widenings the tables rely on stay allowed: int read as long, float as double
        List<double[]> widened = new ArrayList<>();
        ParquetRows.read(local, path, List.of(LONG.of("n"), DOUBLE.of("f")), r -> widened.add(new double[] {r.getLong(0), r.getDouble(1)}));
        assertEquals(4, widened.size());
        widened.forEach(w -> assertEquals(w[0], w[1], 0.0));
    }

    @Test
    void aFileUriTableStaysLocalUnderAnotherDefaultFileSystem() {
        SparkSession spark = SparkTestSupport.spark();
        Path table = tmp.resolve("local-table");
        spark.range(0, 30).repartition(3).write().parquet(table.toString());
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration(false);
        conf.set("fs.defaultFS", "hdfs://nowhere:1");
        conf.set("ipc.client.connect.max.retries", "0");
        // as the command line tells local paths apart under an HDFS default: a file: URI is local, a bare path is not
        FileAccess files = new FileAccess(p -> {
            java.net.URI u = new org.apache.hadoop.fs.Path(p).toUri();
            return "file".equals(u.getScheme()) ? Path.of(u.getPath()) : null;
        }, () -> conf);
        String uri = table.toUri().toString();
        List<String> parts = files.dataFiles(uri);
        assertEquals(3, parts.size(), parts.toString());
        parts.forEach(part -> assertTrue(part.startsWith("file:"), part));
        List<Long> ids = new ArrayList<>();
        ParquetRows.read(files, uri, List.of(LONG.of("id")), r -> ids.add(r.getLong(0)));
        ids.sort(null);
        assertEquals(java.util.stream.LongStream.range(0, 30).boxed().toList(), ids);
        assertTrue(files.modified(uri) > 0);
    }
}
