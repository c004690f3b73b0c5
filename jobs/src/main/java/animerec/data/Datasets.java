package animerec.data;

import static org.apache.spark.sql.functions.col;

import animerec.util.HadoopFiles;
import animerec.util.UserError;
import java.util.Arrays;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Reads and writes dataset tables under the data contract, with clear errors for missing or wrong input. */
public final class Datasets {
    private Datasets() {
    }

    /** Reads {@code dir/interactions}, renaming mapped columns to contract names and checking types. */
    public static Dataset<Row> readInteractions(SparkSession spark, String dir, ColumnMapping mapping) {
        String path = HadoopFiles.child(dir, Columns.INTERACTIONS_TABLE);
        Dataset<Row> raw = readParquet(spark, path);
        return conform(raw, path, mapping, Columns.INTERACTIONS);
    }

    /** Reads a contract table (train, test, ...) that this project wrote. */
    public static Dataset<Row> readTable(SparkSession spark, String path, StructType contract) {
        return conform(readParquet(spark, path), path, ColumnMapping.identity(), contract);
    }

    /**
     * Reads {@code dir/items} or returns null when the dataset has no items table. Names and synopses come
     * HTML-unescaped ({@link ItemText}), also from tables that older ingests wrote with entities.
     */
    public static Dataset<Row> readItemsOrNull(SparkSession spark, String dir) {
        String path = HadoopFiles.child(dir, Columns.ITEMS_TABLE);
        if (!HadoopFiles.exists(spark.sparkContext().hadoopConfiguration(), path)) {
            return null;
        }
        Dataset<Row> raw = readParquet(spark, path);
        if (!Arrays.asList(raw.columns()).contains(Columns.ITEM)) {
            throw new UserError(path + ": items table has no column '" + Columns.ITEM + "'");
        }
        return ItemText.decoded(raw);
    }

    public static Dataset<Row> readParquet(SparkSession spark, String path) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        if (!HadoopFiles.exists(conf, path)) {
            throw new UserError(path + ": no such table (expected a Parquet folder)");
        }
        try {
            return spark.read().parquet(path);
        } catch (Exception e) { // SparkException too (checked in Java, thrown by Scala)
            throw new UserError(path + ": cannot read as Parquet: " + firstLine(e.getMessage()), e);
        }
    }

    private static Dataset<Row> conform(Dataset<Row> raw, String path, ColumnMapping mapping, StructType contract) {
        Dataset<Row> out = raw;
        for (StructField field : contract.fields()) {
            String stored = mapping.stored(field.name());
            boolean present = Arrays.asList(raw.columns()).contains(stored);
            if (!present) {
                if (field.nullable()) {
                    out = out.withColumn(field.name(), org.apache.spark.sql.functions.lit(null).cast(field.dataType()));
                    continue;
                }
                throw new UserError(path + ": missing column '" + stored + "' (contract column '" + field.name()
                        + "'); columns found: " + String.join(", ", raw.columns()));
            }
            DataType actual = raw.schema().apply(stored).dataType();
            if (!isNumeric(actual) && isNumeric(field.dataType())) {
                throw new UserError(path + ": column '" + stored + "' has type " + actual.simpleString()
                        + ", expected a number");
            }
            if (!stored.equals(field.name())) {
                out = out.withColumnRenamed(stored, field.name());
            }
            if (!actual.asNullable().equals(field.dataType().asNullable())) {
                out = out.withColumn(field.name(), col(field.name()).cast(field.dataType()));
            }
        }
        String[] names = Arrays.stream(contract.fields()).map(StructField::name).toArray(String[]::new);
        return out.select(Arrays.stream(names).map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new));
    }

    private static boolean isNumeric(DataType t) {
        return t == DataTypes.LongType || t == DataTypes.IntegerType || t == DataTypes.DoubleType
                || t == DataTypes.FloatType || t == DataTypes.ShortType || t instanceof org.apache.spark.sql.types.DecimalType;
    }

    /**
     * Writes a table to {@code path} through a temporary sibling folder that is renamed into place,
     * so a failed job never leaves a half-written table under the final name. An existing table is replaced.
     */
    public static void writeTable(Dataset<Row> table, String path) {
        Configuration conf = table.sparkSession().sparkContext().hadoopConfiguration();
        String tmp = path + ".tmp-" + UUID.randomUUID();
        table.write().mode(SaveMode.ErrorIfExists).parquet(tmp);
        if (HadoopFiles.exists(conf, path)) {
            HadoopFiles.delete(conf, path);
        }
        HadoopFiles.rename(conf, tmp, path);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
