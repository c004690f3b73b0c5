package animerec.data;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The data contract: column names and schemas of a dataset folder. A dataset is a folder of Parquet
 * tables: {@code interactions} ({@code user_id} long, {@code anime_id} long, {@code rating} double —
 * null for "watched, not rated" —, optional {@code timestamp} long) and {@code items} ({@code anime_id},
 * {@code name}, {@code genres} array&lt;string&gt;, {@code synopsis}, optional {@code type},
 * {@code episodes}, {@code members}). {@code anime_id} means "item id" for any catalogue.
 */
public final class Columns {
    public static final String USER = "user_id";
    public static final String ITEM = "anime_id";
    public static final String RATING = "rating";
    public static final String TIMESTAMP = "timestamp";
    public static final String NAME = "name";
    public static final String GENRES = "genres";
    public static final String SYNOPSIS = "synopsis";
    public static final String TYPE = "type";
    public static final String EPISODES = "episodes";
    public static final String MEMBERS = "members";
    /** Recommendation output columns. */
    public static final String RANK = "rank";
    public static final String SCORE = "score";

    public static final String INTERACTIONS_TABLE = "interactions";
    public static final String ITEMS_TABLE = "items";
    public static final String USERS_TABLE = "users";
    public static final String QUARANTINE_TABLE = "quarantine";

    public static final StructType INTERACTIONS = new StructType(new StructField[] {
        DataTypes.createStructField(USER, DataTypes.LongType, false),
        DataTypes.createStructField(ITEM, DataTypes.LongType, false),
        DataTypes.createStructField(RATING, DataTypes.DoubleType, true),
        DataTypes.createStructField(TIMESTAMP, DataTypes.LongType, true),
    });

    public static final StructType ITEMS = new StructType(new StructField[] {
        DataTypes.createStructField(ITEM, DataTypes.LongType, false),
        DataTypes.createStructField(NAME, DataTypes.StringType, true),
        DataTypes.createStructField(GENRES, DataTypes.createArrayType(DataTypes.StringType, false), true),
        DataTypes.createStructField(SYNOPSIS, DataTypes.StringType, true),
        DataTypes.createStructField(TYPE, DataTypes.StringType, true),
        DataTypes.createStructField(EPISODES, DataTypes.IntegerType, true),
        DataTypes.createStructField(MEMBERS, DataTypes.LongType, true),
    });

    public static final StructType QUARANTINE = new StructType(new StructField[] {
        DataTypes.createStructField("file", DataTypes.StringType, false),
        DataTypes.createStructField("line_no", DataTypes.LongType, false),
        DataTypes.createStructField("raw", DataTypes.StringType, true),
        DataTypes.createStructField("reason", DataTypes.StringType, false),
    });

    private Columns() {
    }

    /** The same schema with every field nullable (parsers return rows whose fields may be missing). */
    public static StructType nullable(StructType schema) {
        StructField[] fields = schema.fields().clone();
        for (int i = 0; i < fields.length; i++) {
            fields[i] = DataTypes.createStructField(fields[i].name(), fields[i].dataType(), true);
        }
        return new StructType(fields);
    }
}
