package animerec.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.util.UserError;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootLockTest {
    @TempDir
    Path tmp;

    private final Configuration conf = new Configuration();

    private static String host() throws Exception {
        return InetAddress.getLocalHost().getHostName();
    }

    /** The pid of a process that has exited. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return p.pid();
    }

    @Test
    void aHeldLockRefusesASecondClaimAndIsReleasedOnClose() {
        try (RootLock first = RootLock.claim(conf, tmp.toString())) {
            UserError e = assertThrows(UserError.class, () -> RootLock.claim(conf, tmp.toString()));
            assertTrue(e.getMessage().contains("another pipeline run holds"), e.getMessage());
        }
        assertFalse(Files.exists(tmp.resolve(RootLock.PIPELINE)));
        RootLock.claim(conf, tmp.toString()).close();
    }

    @Test
    void aLockOfAProcessThatIsGoneIsTakenOver() throws Exception {
        Files.writeString(tmp.resolve(RootLock.PIPELINE), deadPid() + " " + host() + " " + Instant.now());
        try (RootLock lock = RootLock.claim(conf, tmp.toString())) {
            assertTrue(Files.readString(tmp.resolve(RootLock.PIPELINE)).startsWith(ProcessHandle.current().pid() + " "));
        }
    }

    @Test
    void aReusedPidIsStale() throws Exception {
        long me = ProcessHandle.current().pid();
        // this pid is alive, but this JVM started after the lock was written: the pid belonged to another process
        assertTrue(RootLock.isStale(me + " " + host() + " 2001-01-01T00:00:00Z"));
        assertFalse(RootLock.isStale(me + " " + host() + " " + Instant.now()));
        assertTrue(RootLock.isStale(deadPid() + " " + host() + " " + Instant.now()));
        assertFalse(RootLock.isStale(deadPid() + " some-other-host " + Instant.now()), "another host's pid is not checked");
    }

    @Test
    void aLockFromAnotherHostIsNamedNotTakenOver() throws Exception {
        Files.writeString(tmp.resolve(RootLock.PIPELINE), "123 some-other-host " + Instant.now());
        UserError e = assertThrows(UserError.class, () -> RootLock.claim(conf, tmp.toString()));
        assertTrue(e.getMessage().contains("on another host"), e.getMessage());
        assertTrue(Files.exists(tmp.resolve(RootLock.PIPELINE)));
    }

    @Test
    void awaitWaitsForTheHolder() throws Exception {
        RootLock held = RootLock.await(conf, tmp.toString(), RootLock.MANIFEST, Duration.ofSeconds(5));
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            held.close();
        });
        long t0 = System.nanoTime();
        releaser.start();
        try (RootLock second = RootLock.await(conf, tmp.toString(), RootLock.MANIFEST, Duration.ofSeconds(5))) {
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(250), "it waited for the release");
        }
        releaser.join();
        RootLock again = RootLock.await(conf, tmp.toString(), RootLock.MANIFEST, Duration.ofSeconds(5));
        UserError e = assertThrows(UserError.class,
                () -> RootLock.await(conf, tmp.toString(), RootLock.MANIFEST, Duration.ofMillis(200)));
        assertTrue(e.getMessage().contains("waited"), e.getMessage());
        again.close();
    }

    /** Many claimants find the same stale lock at once: exactly one of them gets the lock, every round. */
    @Test
    void claimantsRacingForOneStaleLockGetItOnce() throws Exception {
        String stale = deadPid() + " " + host() + " " + Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 40; round++) {
                Path root = Files.createDirectory(tmp.resolve("r" + round));
                Files.writeString(root.resolve(RootLock.PIPELINE), stale);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<RootLock>> claims = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    claims.add(pool.submit(() -> {
                        start.await();
                        try {
                            return RootLock.claim(conf, root.toString());
                        } catch (UserError refused) {
                            return null;
                        }
                    }));
                }
                start.countDown();
                int won = 0;
                for (Future<RootLock> c : claims) {
                    if (c.get(30, TimeUnit.SECONDS) != null) {
                        won++;
                    }
                }
                assertEquals(1, won, "round " + round + ": one claimant holds the lock");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
