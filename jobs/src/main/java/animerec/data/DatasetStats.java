package animerec.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import animerec.util.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The shape of an interactions table, for the report: how many users have each number of interactions (and how many
 * items), the rating histogram, and the share of unrated (watched, not rated) interactions. Aggregated on the
 * executors; what reaches the driver is one row per distinct count or rating value.
 */
public final class DatasetStats {
    /** Above this many distinct rating values, ratings are binned into {@link #RATING_BINS} equal ranges. */
    static final int MAX_RATING_VALUES = 100;
    static final int RATING_BINS = 20;

    private DatasetStats() {
    }

    /**
     * {@code {"interactions", "unrated", "users_by_interactions": [[n, users], ...], "items_by_interactions": [...],
     * "ratings": [{"min", "max", "count"}, ...]}}, each list sorted by its first value; a discrete rating has min =
     * max.
     */
    public static ObjectNode of(Dataset<Row> interactions) {
        ObjectNode out = Json.object();
        out.set("users_by_interactions", countOfCounts(interactions, Columns.USER));
        out.set("items_by_interactions", countOfCounts(interactions, Columns.ITEM));
        List<Row> values = interactions.groupBy(Columns.RATING).agg(count(lit(1)).as("n")).orderBy(Columns.RATING)
                .limit(MAX_RATING_VALUES + 2).collectAsList();
        long total = 0;
        long unrated = 0;
        ArrayNode ratings = out.putArray("ratings");
        boolean binned = values.size() > MAX_RATING_VALUES + 1;
        if (!binned) {
            for (Row r : values) {
                total += r.getLong(1);
                if (r.isNullAt(0)) {
                    unrated += r.getLong(1);
                } else {
                    ratings.addObject().put("min", r.getDouble(0)).put("max", r.getDouble(0)).put("count", r.getLong(1));
                }
            }
        } else {
            Row range = interactions.agg(min(Columns.RATING), max(Columns.RATING), count(lit(1)), count(col(Columns.RATING)))
                    .first();
            double lo = range.getDouble(0);
            double hi = range.getDouble(1);
            total = range.getLong(2);
            unrated = total - range.getLong(3);
            double width = (hi - lo) / RATING_BINS;
            List<Row> bins = interactions.filter(col(Columns.RATING).isNotNull())
                    .select(floor(col(Columns.RATING).minus(lo).divide(width)).cast("int").as("b"))
                    .groupBy("b").agg(count(lit(1)).as("n")).orderBy("b").collectAsList();
            long[] counts = new long[RATING_BINS];
            for (Row r : bins) {
                counts[Math.min(r.getInt(0), RATING_BINS - 1)] += r.getLong(1);
            }
            for (int b = 0; b < RATING_BINS; b++) {
                ratings.addObject().put("min", lo + b * width).put("max", b == RATING_BINS - 1 ? hi : lo + (b + 1) * width)
                        .put("count", counts[b]);
            }
        }
        out.put("interactions", total);
        out.put("unrated", unrated);
        out.put("unrated_share", total == 0 ? 0.0 : (double) unrated / total);
        return out;
    }

    private static ArrayNode countOfCounts(Dataset<Row> interactions, String key) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Row r : interactions.groupBy(key).agg(count(lit(1)).as("n")).groupBy("n").agg(count(lit(1)).as("m"))
                .orderBy("n").collectAsList()) {
            out.addArray().add(r.getLong(0)).add(r.getLong(1));
        }
        return out;
    }
}
