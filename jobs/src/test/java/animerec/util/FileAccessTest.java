package animerec.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** {@link FileAccess}'s lazy Hadoop configuration under serve's loader threads. */
class FileAccessTest {
    @Test
    void theConfigurationIsMadeOnceWhenThreadsAskForItAtTheSameTime() throws Exception {
        int threads = 8;
        AtomicInteger made = new AtomicInteger();
        FileAccess files = new FileAccess(p -> null, () -> {
            made.incrementAndGet();
            try {
                Thread.sleep(100); // as slow as parsing Hadoop's XML defaults: every thread gets here before it returns
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Configuration(false);
        });
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Configuration>> got = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                got.add(pool.submit(() -> {
                    start.await();
                    return files.configuration();
                }));
            }
            start.countDown();
            Configuration first = got.get(0).get();
            for (Future<Configuration> f : got) {
                assertSame(first, f.get(), "one configuration");
            }
            assertEquals(1, made.get(), "made once");
            assertSame(first, files.configuration());
        } finally {
            pool.shutdownNow();
        }
    }
}
