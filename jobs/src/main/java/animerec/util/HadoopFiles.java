package animerec.util;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Small helpers over the Hadoop FileSystem API, so every path may be local, {@code file://},
 * {@code hdfs://} or {@code s3a://}. Writes go to a temporary sibling and are renamed into place.
 */
public final class HadoopFiles {
    private HadoopFiles() {
    }

    public static FileSystem fs(Configuration conf, String path) {
        try {
            return new Path(path).getFileSystem(conf);
        } catch (IOException e) {
            throw new UserError("cannot open file system for " + path + ": " + e.getMessage(), e);
        }
    }

    public static boolean exists(Configuration conf, String path) {
        try {
            return fs(conf, path).exists(new Path(path));
        } catch (IOException e) {
            throw new UserError("cannot check " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file system without client-side checksums: small text files (JSON, CSV) written here are meant to be read
     * and edited by people, and a hidden {@code .crc} left stale by an edit must not make them unreadable.
     */
    private static FileSystem plain(FileSystem fs) {
        return fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
    }

    public static String readString(Configuration conf, String path) {
        Path p = new Path(path);
        try (InputStream in = plain(fs(conf, path)).open(p)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The local case without Hadoop's shell calls (its local file system runs {@code chmod} and {@code readlink} as
     * processes where the native library is absent: a demo started some 400 of them): a hidden temporary file, then an
     * atomic move over the target; a stale checksum file of the target goes.
     */
    private static void writeLocally(java.nio.file.Path target, String content) throws IOException {
        java.nio.file.Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        java.nio.file.Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        Files.deleteIfExists(dir.resolve("." + target.getFileName() + ".crc"));
    }

    /**
     * Writes {@code content} to {@code path} atomically: the bytes go to a hidden temporary file in the
     * same folder, which is then renamed over the target (an atomic replace on local file systems and HDFS).
     * A reader sees the old content or the new, never a half-written file.
     */
    public static void writeStringAtomically(Configuration conf, String path, String content) {
        Path target = new Path(path);
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
        try {
            FileSystem checked = fs(conf, path);
            FileSystem fs = plain(checked);
            if (fs instanceof RawLocalFileSystem local) {
                writeLocally(local.pathToFile(target).toPath(), content);
                return;
            }
            fs.mkdirs(target.getParent());
            try (OutputStream out = fs.create(tmp, true)) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
            FileContext.getFileContext(target.toUri(), conf).rename(tmp, target, Options.Rename.OVERWRITE);
            if (checked instanceof ChecksumFileSystem c) {
                fs.delete(c.getChecksumFile(target), false); // one written before this rule, now stale
            }
        } catch (IOException e) {
            try {
                plain(fs(conf, path)).delete(tmp, false);
            } catch (IOException ignored) {
                // best effort clean-up; the temporary name is hidden and never read
            }
            throw new UserError("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    public static void mkdirs(Configuration conf, String path) {
        try {
            fs(conf, path).mkdirs(new Path(path));
        } catch (IOException e) {
            throw new UserError("cannot create folder " + path + ": " + e.getMessage(), e);
        }
    }

    public static void delete(Configuration conf, String path) {
        try {
            fs(conf, path).delete(new Path(path), true);
        } catch (IOException e) {
            throw new UserError("cannot delete " + path + ": " + e.getMessage(), e);
        }
    }

    /** Renames a finished temporary folder into place; fails if the target exists. */
    public static void rename(Configuration conf, String from, String to) {
        try {
            FileSystem fs = fs(conf, to);
            if (fs.exists(new Path(to))) {
                throw new UserError("cannot move " + from + " to " + to + ": the target exists");
            }
            fs.mkdirs(new Path(to).getParent());
            if (!fs.rename(new Path(from), new Path(to))) {
                throw new UserError("cannot move " + from + " to " + to);
            }
        } catch (IOException e) {
            throw new UserError("cannot move " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    public static String child(String parent, String name) {
        return new Path(parent, name).toString();
    }
}
