package animerec.data.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import animerec.data.Columns;
import animerec.data.Datasets;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Converts raw files into the data contract. Every line is parsed on the executors; bad lines go to the
 * {@code quarantine} table with their raw text and a reason; duplicate keys keep the latest row (by
 * timestamp, then by line); and the report reconciles exactly: rows read = written + quarantined +
 * duplicates dropped.
 */
public final class Ingest {
    private Ingest() {
    }

    /** One raw input: a file (or folder of files), its character set, and the parser for its lines. */
    public record Source(String path, String charset, LineParser parser) {
    }

    /** Counts for one input table. */
    public record TableReport(String file, long rowsRead, long written, long quarantined, long duplicatesDropped,
                              Map<String, Long> reasons) {
        public boolean reconciles() {
            return rowsRead == written + quarantined + duplicatesDropped;
        }

        ObjectNode toJson() {
            ObjectNode n = Json.object();
            n.put("file", file);
            n.put("rows_read", rowsRead);
            n.put("written", written);
            n.put("quarantined", quarantined);
            n.put("duplicates_dropped", duplicatesDropped);
            n.put("reconciles", reconciles());
            ObjectNode r = n.putObject("quarantine_reasons");
            reasons.forEach(r::put);
            return n;
        }

        public String summary(String table) {
            return String.format("%-12s rows read %,d = written %,d + quarantined %,d + duplicates dropped %,d%s",
                    table, rowsRead, written, quarantined, duplicatesDropped, reconciles() ? "" : "  (DOES NOT RECONCILE)");
        }
    }

    /** What an ingest wrote. {@code items} is null when no item file was given. */
    public record Report(TableReport interactions, TableReport items) {
        public String toJson() {
            ObjectNode n = Json.object();
            if (interactions != null) {
                n.set("interactions", interactions.toJson());
            }
            if (items != null) {
                n.set("items", items.toJson());
            }
            return Json.write(n);
        }
    }

    /**
     * Ingests interactions (may be null for an items-only ingest) and items (may be null) into {@code outDir}:
     * tables {@code interactions}, {@code items}, {@code quarantine}, and {@code ingest-report.json}. When it fails
     * (no valid row, say) and {@code outDir} did not exist before, nothing is left there.
     */
    public static Report run(SparkSession spark, Source interactions, Source items, String outDir) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        boolean existed = HadoopFiles.exists(conf, outDir);
        try {
            return write(spark, interactions, items, outDir);
        } catch (RuntimeException e) {
            if (!existed && HadoopFiles.exists(conf, outDir)) {
                try {
                    HadoopFiles.delete(conf, outDir);
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    private static Report write(SparkSession spark, Source interactions, Source items, String outDir) {
        List<Dataset<Row>> quarantines = new ArrayList<>();
        TableReport interactionsReport = null;
        TableReport itemsReport = null;
        List<Dataset<Row>> cached = new ArrayList<>();
        try {
            if (interactions != null) {
                Dataset<Row> parsed = parse(spark, interactions);
                cached.add(parsed);
                Dataset<Row> good = dedupe(parsed.filter(col("reason").isNull()),
                        new Column[] {col(Columns.USER), col(Columns.ITEM)},
                        new Column[] {col(Columns.TIMESTAMP).desc_nulls_last(), col("line_no").desc()});
                String out = HadoopFiles.child(outDir, Columns.INTERACTIONS_TABLE);
                Datasets.writeTable(contractColumns(good, Columns.INTERACTIONS), out);
                Dataset<Row> bad = quarantine(parsed, interactions.path());
                quarantines.add(bad);
                interactionsReport = report(spark, interactions.path(), parsed, out);
                if (interactionsReport.written() == 0) {
                    throw new UserError(interactions.path() + ": no valid interaction rows ("
                            + interactionsReport.quarantined() + " quarantined; most common reason: "
                            + topReason(interactionsReport.reasons()) + ")");
                }
            }
            if (items != null) {
                Dataset<Row> parsed = parse(spark, items);
                cached.add(parsed);
                Dataset<Row> good = dedupe(parsed.filter(col("reason").isNull()),
                        new Column[] {col(Columns.ITEM)}, new Column[] {col("line_no").desc()});
                String out = HadoopFiles.child(outDir, Columns.ITEMS_TABLE);
                Datasets.writeTable(contractColumns(good, Columns.ITEMS), out);
                quarantines.add(quarantine(parsed, items.path()));
                itemsReport = report(spark, items.path(), parsed, out);
            }
            Dataset<Row> allBad = quarantines.stream().reduce(Dataset::unionByName)
                    .orElse(spark.createDataFrame(List.of(), Columns.QUARANTINE));
            Datasets.writeTable(allBad.coalesce(1), HadoopFiles.child(outDir, Columns.QUARANTINE_TABLE));
            Report report = new Report(interactionsReport, itemsReport);
            for (TableReport t : Arrays.asList(interactionsReport, itemsReport)) {
                if (t != null && !t.reconciles()) {
                    throw new IllegalStateException("ingest of " + t.file() + " does not reconcile: " + t.summary(""));
                }
            }
            HadoopFiles.writeStringAtomically(spark.sparkContext().hadoopConfiguration(),
                    HadoopFiles.child(outDir, "ingest-report.json"), report.toJson());
            return report;
        } finally {
            cached.forEach(Dataset::unpersist);
        }
    }

    /**
     * Parses every line of a source into rows of {@code line_no, raw,} the parser's columns and {@code reason}.
     * The result is persisted (the caller unpersists it).
     */
    public static Dataset<Row> parse(SparkSession spark, Source source) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String path = source.path();
        if (!HadoopFiles.exists(conf, path)) {
            throw new UserError(path + ": file not found");
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String charset = source.charset();
        Charset.forName(charset); // fail early on a bad name
        JavaRDD<String> lines;
        try {
            lines = jsc.hadoopFile(path, TextInputFormat.class, LongWritable.class, Text.class)
                    .map(t -> new String(t._2().getBytes(), 0, t._2().getLength(), Charset.forName(charset)));
        } catch (RuntimeException e) {
            throw new UserError(path + ": cannot read: " + e.getMessage(), e);
        }
        LineParser parser = source.parser();
        List<String> firstLines;
        try {
            firstLines = lines.take(1);
        } catch (RuntimeException e) {
            throw new UserError(path + ": cannot read: " + rootMessage(e), e);
        }
        if (firstLines.isEmpty()) {
            throw new UserError(path + ": file is empty");
        }
        boolean header = parser.hasHeader();
        if (header) {
            parser.checkHeader(path, firstLines.get(0));
        }
        JavaRDD<Row> rows = lines.zipWithIndex()
                .filter(t -> !(header && t._2() == 0L))
                .map((Tuple2<String, Long> t) -> {
                    Row parsed = parser.parse(t._1(), t._2() + 1);
                    Object[] values = new Object[parsed.size() + 2];
                    values[0] = t._2() + 1;
                    values[1] = t._1();
                    for (int i = 0; i < parsed.size(); i++) {
                        values[i + 2] = parsed.get(i);
                    }
                    return RowFactory.create(values);
                });
        StructType schema = new StructType()
                .add("line_no", DataTypes.LongType, false)
                .add("raw", DataTypes.StringType, true);
        for (StructField f : parser.schema().fields()) {
            schema = schema.add(f);
        }
        Dataset<Row> parsed = spark.createDataFrame(rows, schema).persist(StorageLevel.MEMORY_AND_DISK());
        if (parsed.isEmpty()) {
            parsed.unpersist();
            throw new UserError(path + ": file has a header but no rows");
        }
        return parsed;
    }

    private static Dataset<Row> dedupe(Dataset<Row> good, Column[] keys, Column[] latestFirst) {
        return good.withColumn("_rn", row_number().over(Window.partitionBy(keys).orderBy(latestFirst)))
                .filter(col("_rn").equalTo(1)).drop("_rn");
    }

    private static Dataset<Row> contractColumns(Dataset<Row> table, StructType contract) {
        return table.select(Arrays.stream(contract.fieldNames()).map(c -> col(c)).toArray(Column[]::new));
    }

    private static Dataset<Row> quarantine(Dataset<Row> parsed, String file) {
        return parsed.filter(col("reason").isNotNull())
                .select(lit(file).as("file"), col("line_no"), col("raw"), col("reason"));
    }

    private static TableReport report(SparkSession spark, String file, Dataset<Row> parsed, String written) {
        long read = parsed.count();
        long good = parsed.filter(col("reason").isNull()).count();
        long writtenRows = spark.read().parquet(written).count();
        Map<String, Long> reasons = new LinkedHashMap<>();
        for (Row r : parsed.filter(col("reason").isNotNull())
                .groupBy(org.apache.spark.sql.functions.substring_index(col("reason"), ":", 1).as("kind"))
                .count().orderBy(col("count").desc(), col("kind")).collectAsList()) {
            reasons.put(r.getString(0), r.getLong(1));
        }
        return new TableReport(file, read, writtenRows, read - good, good - writtenRows, reasons);
    }

    private static String topReason(Map<String, Long> reasons) {
        return reasons.isEmpty() ? "none" : reasons.keySet().iterator().next();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
