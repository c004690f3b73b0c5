package animerec.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import animerec.data.Columns;
import animerec.util.HadoopFiles;
import animerec.util.UserError;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads recommendation and ground-truth files from any system: CSV or TSV (tab when the header line has a
 * tab) with a header. Recommendations: {@code user_id, item_id (or anime_id), rank} — or a {@code score}
 * column to sort by, highest first. Truth: {@code user_id, item_id (or anime_id)}, and an optional
 * {@code relevance} column (rows with relevance &lt;= 0 are not relevant); other columns are ignored.
 */
public final class RankingFiles {
    private RankingFiles() {
    }

    /** {@code user_id, anime_id, rank, score}. */
    public static Dataset<Row> readRecommendations(SparkSession spark, String file) {
        Dataset<Row> raw = read(spark, file);
        List<String> cols = Arrays.asList(raw.columns());
        Column user = numeric(raw, file, column(cols, file, "user_id", "user"), DataTypes.LongType);
        Column item = numeric(raw, file, column(cols, file, "item_id", "anime_id", "item"), DataTypes.LongType);
        Dataset<Row> typed;
        if (cols.contains("rank")) {
            Column score = cols.contains("score") ? numeric(raw, file, "score", DataTypes.DoubleType)
                    : org.apache.spark.sql.functions.lit(0.0);
            typed = raw.select(user.as(Columns.USER), item.as(Columns.ITEM),
                    numeric(raw, file, "rank", DataTypes.IntegerType).as(Columns.RANK), score.as(Columns.SCORE));
        } else if (cols.contains("score")) {
            typed = raw.select(user.as(Columns.USER), item.as(Columns.ITEM),
                            numeric(raw, file, "score", DataTypes.DoubleType).as(Columns.SCORE))
                    .withColumn(Columns.RANK, row_number().over(Window.partitionBy(col(Columns.USER))
                            .orderBy(col(Columns.SCORE).desc(), col(Columns.ITEM))))
                    .select(Columns.USER, Columns.ITEM, Columns.RANK, Columns.SCORE);
        } else {
            throw new UserError(file + ": needs a rank or a score column; found: " + String.join(", ", cols));
        }
        return typed;
    }

    /** {@code user_id, anime_id} of relevant items. */
    public static Dataset<Row> readTruth(SparkSession spark, String file) {
        Dataset<Row> raw = read(spark, file);
        List<String> cols = Arrays.asList(raw.columns());
        Column user = numeric(raw, file, column(cols, file, "user_id", "user"), DataTypes.LongType);
        Column item = numeric(raw, file, column(cols, file, "item_id", "anime_id", "item"), DataTypes.LongType);
        Dataset<Row> typed = raw;
        if (cols.contains("relevance")) {
            typed = typed.filter(numeric(raw, file, "relevance", DataTypes.DoubleType).gt(0));
        }
        return typed.select(user.as(Columns.USER), item.as(Columns.ITEM));
    }

    private static Dataset<Row> read(SparkSession spark, String file) {
        if (!HadoopFiles.exists(spark.sparkContext().hadoopConfiguration(), file)) {
            throw new UserError(file + ": file not found");
        }
        List<String> first = spark.read().textFile(file).limit(1).collectAsList();
        if (first.isEmpty() || first.get(0).isBlank()) {
            throw new UserError(file + ": file is empty");
        }
        String sep = first.get(0).contains("\t") ? "\t" : ",";
        Dataset<Row> raw = spark.read().option("header", true).option("sep", sep).csv(file);
        for (String c : raw.columns()) {
            String lower = c.trim().toLowerCase(Locale.ROOT);
            if (!lower.equals(c)) {
                raw = raw.withColumnRenamed(c, lower);
            }
        }
        return raw;
    }

    private static String column(List<String> cols, String file, String... names) {
        for (String n : names) {
            if (cols.contains(n)) {
                return n;
            }
        }
        throw new UserError(file + ": header has no " + names[0] + " column (accepted: " + String.join(", ", names)
                + "; found: " + String.join(", ", cols) + ")");
    }

    /** A numeric column, checked: a value that does not parse is an error naming the file, column and value. */
    private static Column numeric(Dataset<Row> raw, String file, String name, org.apache.spark.sql.types.DataType type) {
        Column parsed = col(name).try_cast(type);
        List<Row> bad = raw.filter(parsed.isNull()).select(col(name)).limit(1).collectAsList();
        if (!bad.isEmpty()) {
            throw new UserError(file + ": column " + name + " has a value that is not a number: '"
                    + bad.get(0).get(0) + "'");
        }
        return parsed;
    }
}
