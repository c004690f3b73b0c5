package animerec.data;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import org.apache.commons.text.StringEscapeUtils;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The free text of items (names and synopses) without HTML entities: Kaggle's {@code anime.csv} carries them
 * ({@code &#039;}, {@code &quot;}, {@code &amp;}, {@code &gt;}, ...). Ingest decodes them, and reading an items
 * table decodes them again, so that tables written by older ingests print clean names too. Text without
 * entities is unchanged.
 */
public final class ItemText {
    private static final UserDefinedFunction UNESCAPE = functions.udf(
            (UDF1<String, String>) ItemText::unescape, DataTypes.StringType);

    /** The free-text columns that reading an items table decodes. */
    public static final java.util.List<String> DECODED = java.util.List.of(Columns.NAME, Columns.SYNOPSIS);

    private ItemText() {
    }

    /** HTML 4 unescaping (every named entity, decimal and hex references); null stays null. */
    public static String unescape(String s) {
        return s == null || s.indexOf('&') < 0 ? s : StringEscapeUtils.unescapeHtml4(s);
    }

    /** {@code items} with its {@code name} and {@code synopsis} columns (those present) unescaped. */
    public static Dataset<Row> decoded(Dataset<Row> items) {
        Dataset<Row> out = items;
        for (String c : DECODED) {
            if (Arrays.asList(items.columns()).contains(c)
                    && items.schema().apply(c).dataType() == DataTypes.StringType) {
                out = out.withColumn(c, UNESCAPE.apply(col(c)));
            }
        }
        return out;
    }
}
