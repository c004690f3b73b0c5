package animerec.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Content fingerprints of tables: independent of row order and partitioning, computed in one distributed
 * aggregation (row count plus two sums of per-row 64-bit hashes, each reduced modulo a prime so the sums
 * cannot overflow), then hashed with SHA-256 into 16 hex characters.
 */
public final class Fingerprints {
    private static final long PRIME = 2_147_483_647L;

    private Fingerprints() {
    }

    /** A table's row count and fingerprint, from the one aggregation. */
    public record Summary(long rows, String fingerprint) {
    }

    public static String of(Dataset<Row> table) {
        return summary(table).fingerprint();
    }

    public static Summary summary(Dataset<Row> table) {
        Column[] cols = Arrays.stream(table.columns()).sorted().map(c -> col(c)).toArray(Column[]::new);
        Column[] salted = Arrays.copyOf(cols, cols.length + 1);
        salted[cols.length] = lit("animerec");
        Row r = table.agg(
                count(lit(1)),
                sum(pmod(xxhash64(cols), lit(PRIME))),
                sum(pmod(xxhash64(salted), lit(PRIME)))).first();
        String text = String.join("|", Arrays.asList(table.columns()).stream().sorted().toList())
                + "#" + r.getLong(0) + "#" + (r.isNullAt(1) ? 0 : r.getLong(1)) + "#" + (r.isNullAt(2) ? 0 : r.getLong(2));
        return new Summary(r.getLong(0), sha256(text).substring(0, 16));
    }

    public static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
