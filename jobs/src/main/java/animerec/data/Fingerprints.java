package animerec.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import animerec.util.FileAccess;
import animerec.util.ParquetRows;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.XxHash64Function$;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Content fingerprints of tables: independent of row order and partitioning, computed in one distributed
 * aggregation (row count plus two sums of per-row 64-bit hashes, each reduced modulo a prime so the sums
 * cannot overflow), then hashed with SHA-256 into 16 hex characters.
 */
public final class Fingerprints {
    private static final long PRIME = 2_147_483_647L;
    private static final long SEED = 42; // Spark's xxhash64's

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
        return new Summary(r.getLong(0), digest(Arrays.stream(table.columns()).sorted().toList(), r.getLong(0),
                r.isNullAt(1) ? 0 : r.getLong(1), r.isNullAt(2) ? 0 : r.getLong(2)));
    }

    /** The fingerprint of a table by its sorted column names, row count and the two sums of row hashes. */
    private static String digest(List<String> sortedColumns, long rows, long sum, long saltedSum) {
        return sha256(String.join("|", sortedColumns) + "#" + rows + "#" + sum + "#" + saltedSum).substring(0, 16);
    }

    /**
     * {@link #of} of the Parquet table at {@code path} as Spark reads it, with {@code decode} applied to the string
     * columns it names (as a reader of the table applies it before fingerprinting, {@link ItemText#decoded}), computed
     * without Spark ({@code animerec serve}): the same row hashes by Spark's own xxhash64 function (seed 42, null
     * values skipped), the same sums and digest. Null when the table has no part file or a column of a type
     * {@link ParquetRows} does not read as Spark would hash it (a vector, a list of numbers other than floats).
     */
    public static String ofParquetOrNull(FileAccess files, String path, Map<String, UnaryOperator<String>> decode) {
        Map<String, ParquetRows.Kind> kinds = ParquetRows.columns(files, path);
        if (kinds == null) {
            return null;
        }
        List<String> names = kinds.keySet().stream().sorted().toList();
        List<ParquetRows.Column> columns = new ArrayList<>();
        DataType[] types = new DataType[names.size()];
        for (int c = 0; c < types.length; c++) {
            ParquetRows.Kind kind = kinds.get(names.get(c));
            types[c] = kind == null ? null : switch (kind) {
                case LONG -> DataTypes.LongType;
                case INT -> DataTypes.IntegerType;
                case DOUBLE -> DataTypes.DoubleType;
                case FLOAT -> DataTypes.FloatType;
                case BOOLEAN -> DataTypes.BooleanType;
                case STRING -> DataTypes.StringType;
                case STRINGS -> DataTypes.createArrayType(DataTypes.StringType);
                case FLOATS -> DataTypes.createArrayType(DataTypes.FloatType);
                case VECTOR -> null;
            };
            if (types[c] == null) {
                return null;
            }
            columns.add(kind.of(names.get(c)));
        }
        XxHash64Function$ hash = XxHash64Function$.MODULE$;
        UTF8String salt = UTF8String.fromString("animerec");
        long[] sums = new long[3]; // rows, sum, salted sum
        ParquetRows.read(files, path, columns, r -> {
            long h = SEED;
            for (int c = 0; c < types.length; c++) {
                if (!r.isNull(c)) {
                    h = hash.hash(sparkValue(r, c, columns.get(c).kind(), decode.get(names.get(c))), types[c], h);
                }
            }
            sums[0]++;
            sums[1] += Math.floorMod(h, PRIME);
            sums[2] += Math.floorMod(hash.hash(salt, DataTypes.StringType, h), PRIME);
        });
        return digest(names, sums[0], sums[1], sums[2]);
    }

    /** A non-null value of column {@code c} as Spark holds it inside (what its hash function takes). */
    private static Object sparkValue(ParquetRows.Rec r, int c, ParquetRows.Kind kind, UnaryOperator<String> decode) {
        return switch (kind) {
            case LONG -> r.getLong(c);
            case INT -> r.getInt(c);
            case DOUBLE -> r.getDouble(c);
            case FLOAT -> (float) r.getDouble(c);
            case BOOLEAN -> r.getBoolean(c);
            case STRING -> UTF8String.fromString(decode == null ? r.getString(c) : decode.apply(r.getString(c)));
            case STRINGS -> new GenericArrayData(r.strings(c).stream().map(UTF8String::fromString).toArray());
            case FLOATS -> {
                float[] f = r.floats(c);
                Object[] boxed = new Object[f.length];
                for (int i = 0; i < f.length; i++) {
                    boxed[i] = f[i];
                }
                yield new GenericArrayData(boxed);
            }
            case VECTOR -> throw new IllegalArgumentException("vectors are not hashed here");
        };
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
