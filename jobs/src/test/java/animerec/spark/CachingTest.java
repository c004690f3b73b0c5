package animerec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import animerec.testing.SparkTestSupport;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

/** Caching.persist of data already cached shares the cache without CacheManager's warning; a plain persist warns. */
class CachingTest {
    @Test
    void persistingTheSameDerivedTableTwiceWarnsOnlyWithoutCaching() {
        SparkSession spark = SparkTestSupport.spark();
        Dataset<Row> base = spark.range(100).toDF("id");
        Dataset<Row> first = Caching.persist(base.filter("id % 2 = 0").select("id"));
        Logger cacheManager = (Logger) LogManager.getLogger("org.apache.spark.sql.execution.CacheManager");
        AtomicInteger warnings = new AtomicInteger();
        AbstractAppender counter = new AbstractAppender("caching-test", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLevel() == Level.WARN) {
                    warnings.incrementAndGet();
                }
            }
        };
        counter.start();
        cacheManager.addAppender(counter);
        try {
            Dataset<Row> second = Caching.persist(base.filter("id % 2 = 0").select("id")); // another model, same data
            assertEquals(0, warnings.get());
            assertNotEquals(StorageLevel.NONE(), second.storageLevel(), "shares the first one's cache");
            assertEquals(50, second.count());
            base.filter("id % 2 = 0").select("id").persist(StorageLevel.MEMORY_AND_DISK()); // what the models did
            assertEquals(1, warnings.get(), "Spark warns of a plain persist of cached data");
        } finally {
            cacheManager.removeAppender(counter);
            first.unpersist();
        }
    }
}
