package animerec.artifact;

import animerec.util.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An exclusive claim on a folder, held as a lock file in it that names the holder:
 * {@code "<pid> <host> <start instant>"}. The pipeline claims its root ({@code pipeline.lock}) and refuses to run
 * when another run holds it; the model registry waits for {@code manifest.lock} around each manifest update, so
 * concurrent writers to one artifact root (pipelines, {@code train}, {@code tune}) never lose an entry.
 *
 * <p>The claim is atomic where the file system makes "create if absent" atomic: on local folders through
 * {@code O_EXCL} ({@link Files#createFile}), on HDFS through the NameNode's create without overwrite. On object
 * stores (s3a) that create is not a guarded operation, so two runs started in the same instant could both
 * proceed: keep the pipeline root on a local disk or HDFS when runs may overlap.
 *
 * <p>A lock left behind by a killed run is taken over when its holder ran on this host and that process is gone.
 * A holder on another host cannot be checked from here: the message names it, and removing the file releases it.
 */
public final class RootLock implements AutoCloseable {
    /** The pipeline root's lock. */
    public static final String PIPELINE = "pipeline.lock";
    /** The artifact root's lock, held while the manifest is read, changed and replaced. */
    public static final String MANIFEST = "manifest.lock";

    private final Configuration conf;
    private final String path;

    private RootLock(Configuration conf, String path) {
        this.conf = conf;
        this.path = path;
    }

    /** Takes the pipeline lock of {@code root}, or throws a {@link UserError} naming the run that holds it. */
    public static RootLock claim(Configuration conf, String root) {
        String lock = new Path(root, PIPELINE).toString();
        // a few rounds: a lock released meanwhile, or a stale lock another claimant is taking over, ends in one of
        // them; each round either takes the lock or sees it change
        for (int attempt = 0; attempt < 100; attempt++) {
            RootLock taken = tryTake(conf, lock);
            if (taken != null) {
                return taken;
            }
            String holder = holder(conf, lock);
            if (holder == null) {
                continue; // released meanwhile
            }
            if (holder.isEmpty()) { // created a moment ago, its content not written yet
                pause();
                continue;
            }
            String[] parts = holder.split(" ");
            if (parts.length < 2 || !parts[1].equals(host())) {
                throw new UserError("another pipeline run holds " + lock + " (" + holder + "), on another host; wait for"
                        + " it to finish, or delete the file if that run is gone");
            }
            if (!isStale(holder)) {
                throw new UserError("another pipeline run holds " + lock + " (pid " + parts[0] + ", started "
                        + parts[parts.length - 1] + "); wait for it to finish");
            }
            takeOver(conf, lock, holder);
        }
        throw new UserError("cannot take the lock " + lock + " (still there, empty or being taken over, after 100 tries; "
                + "delete it if no pipeline run is going on)");
    }

    /**
     * Takes the lock {@code name} of {@code root}, waiting while a live process holds it (a stale lock of a process
     * on this host that is gone is taken over). Gives up with a {@link UserError} after {@code timeout}.
     */
    public static RootLock await(Configuration conf, String root, String name, java.time.Duration timeout) {
        String lock = new Path(root, name).toString();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            RootLock taken = tryTake(conf, lock);
            if (taken != null) {
                return taken;
            }
            String holder = holder(conf, lock);
            if (holder != null && isStale(holder)) {
                takeOver(conf, lock, holder);
                continue;
            }
            if (System.nanoTime() > deadline) {
                throw new UserError("waited " + timeout.toSeconds() + " s for " + lock + ", held by " + holder
                        + "; delete the file if that process is gone");
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while waiting for a lock", e);
        }
    }

    private static RootLock tryTake(Configuration conf, String lock) {
        String me = ProcessHandle.current().pid() + " " + host() + " " + Instant.now();
        return createIfAbsent(conf, lock, me) ? new RootLock(conf, lock) : null;
    }

    /** The lock's content, or null when it is gone. */
    private static String holder(Configuration conf, String lock) {
        try {
            return read(conf, lock);
        } catch (IOException gone) {
            return null;
        }
    }

    /**
     * Removes a stale lock, once: under a guard file ({@code <lock>.takeover}, created atomically) the lock is read
     * again and removed only if it still holds the stale content. Two runs that found the same stale lock therefore
     * cannot remove a lock the other has just taken; the one that then creates the lock first wins, the other sees
     * a live holder. A guard left by a process killed inside this short section is itself stale and removed.
     */
    private static void takeOver(Configuration conf, String lock, String staleHolder) {
        String guard = lock + ".takeover";
        RootLock g = tryTake(conf, guard);
        if (g == null) {
            String guardHolder = holder(conf, guard);
            if (guardHolder != null && isStale(guardHolder)) {
                delete(conf, guard);
            }
            pause(); // another run is taking over; the caller tries again
            return;
        }
        try {
            if (staleHolder.equals(holder(conf, lock))) {
                System.out.println("taking over a stale lock " + lock + " (" + staleHolder + ": that process is gone)");
                delete(conf, lock);
            }
        } finally {
            g.close();
        }
    }

    /**
     * Whether the holder ran on this host and its process is gone: no live process has its pid, or the live one
     * started after the lock was written (the pid was reused by another process).
     */
    static boolean isStale(String holder) {
        String[] parts = holder.split(" ");
        if (parts.length < 3 || !parts[1].equals(host())) {
            return false;
        }
        long pid;
        Instant written;
        try {
            pid = Long.parseLong(parts[0]);
            written = Instant.parse(parts[2]);
        } catch (RuntimeException bad) {
            return false;
        }
        java.util.Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return true;
        }
        return process.get().info().startInstant().map(started -> started.isAfter(written)).orElse(false);
    }

    @Override
    public void close() {
        delete(conf, path);
    }

    private static boolean createIfAbsent(Configuration conf, String lock, String content) {
        try {
            java.nio.file.Path local = localPath(lock);
            if (local != null) {
                Files.createDirectories(local.getParent());
                Files.writeString(Files.createFile(local), content, StandardCharsets.UTF_8);
                return true;
            }
            Path p = new Path(lock);
            FileSystem fs = p.getFileSystem(conf);
            fs.mkdirs(p.getParent());
            try (OutputStream out = fs.create(p, false)) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
            return true;
        } catch (FileAlreadyExistsException | org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UserError("cannot create the lock " + lock + ": " + e.getMessage(), e);
        }
    }

    private static String read(Configuration conf, String lock) throws IOException {
        java.nio.file.Path local = localPath(lock);
        if (local != null) {
            return Files.readString(local, StandardCharsets.UTF_8).trim();
        }
        Path p = new Path(lock);
        try (var in = p.getFileSystem(conf).open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    private static void delete(Configuration conf, String lock) {
        try {
            java.nio.file.Path local = localPath(lock);
            if (local != null) {
                Files.deleteIfExists(local);
            } else {
                Path p = new Path(lock);
                p.getFileSystem(conf).delete(p, false);
            }
        } catch (IOException e) {
            throw new UserError("cannot remove the lock " + lock + ": " + e.getMessage(), e);
        }
    }

    /** The local file behind a path without a scheme or with {@code file:}, else null. */
    private static java.nio.file.Path localPath(String path) {
        URI uri = new Path(path).toUri();
        if (uri.getScheme() == null) {
            return java.nio.file.Path.of(uri.getPath()).toAbsolutePath();
        }
        return "file".equals(uri.getScheme()) ? java.nio.file.Path.of(uri) : null;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
