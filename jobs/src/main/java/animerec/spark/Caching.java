package animerec.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.storage.StorageLevel;

/**
 * Persisting a Dataset whose data may already be cached. Spark matches cached data by plan: when two models fitted in
 * one JVM (the demo, the pipeline, a hybrid and its components) derive the same table from the same training data,
 * say the rated interactions, the second {@code persist} finds the first one's cache, reuses it, and logs
 * "WARN CacheManager: Asked to cache already cached data." {@link #persist} skips the call in that case: the same
 * cache is shared, without the warning.
 */
public final class Caching {
    private Caching() {
    }

    /** {@code ds} persisted in memory and on disk, or as it is when its data is already cached. */
    public static <T> Dataset<T> persist(Dataset<T> ds) {
        return persist(ds, StorageLevel.MEMORY_AND_DISK());
    }

    /** {@code ds} persisted at {@code level}, or as it is when its data is already cached (at whatever level). */
    public static <T> Dataset<T> persist(Dataset<T> ds, StorageLevel level) {
        return ds.storageLevel().equals(StorageLevel.NONE()) ? ds.persist(level) : ds;
    }
}
