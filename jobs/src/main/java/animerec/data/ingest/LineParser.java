package animerec.data.ingest;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Parses one raw line into a row of {@link #schema()}: the contract columns of the table being built,
 * followed by {@code reason} (null for a good row). A parser never throws for bad input; it returns a
 * row with a reason, which sends the line to quarantine. A null return skips the line (only for a
 * header line).
 */
public interface LineParser extends java.io.Serializable {
    /** Contract columns followed by a nullable string column {@code reason}. */
    StructType schema();

    Row parse(String line, long lineNo);

    /** Whether the first line is a header; checked by {@link #checkHeader(String, String)}. */
    boolean hasHeader();

    /** Throws a {@link animerec.util.UserError} naming the file when the header doesn't match the columns. */
    default void checkHeader(String file, String header) {
    }
}
