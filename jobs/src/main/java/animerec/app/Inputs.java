package animerec.app;

import animerec.util.UserError;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checks of what a user passes, done before Spark starts. Paths go through Hadoop's file systems (so hdfs: and s3a:
 * paths work); each failure is a {@link UserError} naming the option and the path.
 */
public final class Inputs {
    private Inputs() {
    }

    /** An existing folder. */
    public static void folder(Configuration conf, String path, String option) {
        FileStatus s = status(conf, path, option);
        if (s == null) {
            throw new UserError(option + " " + path + ": no such folder");
        }
        if (!s.isDirectory()) {
            throw new UserError(option + " " + path + ": a file, not a folder");
        }
    }

    /** An existing file or folder. */
    public static void exists(Configuration conf, String path, String option) {
        if (status(conf, path, option) == null) {
            throw new UserError(option + " " + path + ": no such file or folder");
        }
    }

    /** A folder, or a path one can be made at: no file on the way. */
    public static void notAFile(Configuration conf, String path, String option) {
        for (Path p = new Path(path); p != null; p = p.getParent()) {
            FileStatus s = status(conf, p.toString(), option);
            if (s != null) {
                if (!s.isDirectory()) {
                    throw new UserError(option + " " + path + ": " + (p.toString().equals(path) ? "a file, not a folder"
                            : p + " is a file, not a folder"));
                }
                return;
            }
        }
    }

    /**
     * A root a command writes under: {@link #notAFile}, and on a local file system the nearest existing folder takes
     * a probe file (an actual create, since the permission bits do not tell for root).
     */
    public static void writableRoot(Configuration conf, String path, String option) {
        notAFile(conf, path, option);
        FileSystem fs = fs(conf, path, option);
        if (!(fs instanceof LocalFileSystem) && !"file".equals(fs.getScheme())) {
            return;
        }
        java.nio.file.Path p = java.nio.file.Path.of(fs.makeQualified(new Path(path)).toUri()).toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return;
        }
        try {
            Files.delete(Files.createTempFile(p, ".animerec-probe", ""));
        } catch (IOException e) {
            throw new UserError(option + " " + path + ": cannot write in " + p + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Cut-offs that are all positive (null: the config's, checked when it was read). */
    public static void positive(int[] ks, String option) {
        if (ks != null) {
            for (int k : ks) {
                positive(k, option);
            }
        }
    }

    public static void positive(int k, String option) {
        if (k <= 0) {
            throw new UserError(option + " must be positive, got " + k);
        }
    }

    private static FileStatus status(Configuration conf, String path, String option) {
        try {
            return fs(conf, path, option).getFileStatus(new Path(path));
        } catch (FileNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new UserError(option + " " + path + ": " + e.getMessage(), e);
        }
    }

    private static FileSystem fs(Configuration conf, String path, String option) {
        try {
            return new Path(path).getFileSystem(conf);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError(option + " " + path + ": " + e.getMessage(), e);
        }
    }
}
