package animerec.model;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A model that serves some users from a fallback (content models: popularity for users with no usable history). */
public interface FallbackAware extends RecommenderModel {
    /** A line telling how many of {@code users} get fallback recommendations; null when none does. */
    String fallbackNote(Dataset<Row> users);
}
