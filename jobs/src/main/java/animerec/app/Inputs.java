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
 * Checks of what a user passes, done before Spark starts; each failure is a {@link UserError} naming the option and
 * the path. Paths go through Hadoop's file systems (so hdfs: and s3a: paths work), configured as Spark would; a
 * local path is checked with java.nio when nothing makes Hadoop's default file system another one (no core-site.xml
 * or hdfs-site.xml on the class path, no spark.hadoop.fs.defaultFS, no session yet), which saves starting Hadoop.
 */
public final class Inputs {
    private final AppContext ctx;
    private Configuration conf;

    public Inputs(AppContext ctx) {
        this.ctx = ctx;
    }

    /** An existing folder. */
    public void folder(String path, String option) {
        Boolean dir = isDirectory(path, option);
        if (dir == null) {
            throw new UserError(option + " " + path + ": no such folder");
        }
        if (!dir) {
            throw new UserError(option + " " + path + ": a file, not a folder");
        }
    }

    /** An existing file or folder. */
    public void exists(String path, String option) {
        if (isDirectory(path, option) == null) {
            throw new UserError(option + " " + path + ": no such file or folder");
        }
    }

    /** A folder, or a path one can be made at: no file on the way. */
    public void notAFile(String path, String option) {
        // a relative path's chain ends in "" (the working folder, which exists): stop there
        for (Path p = new Path(path); p != null && !p.toString().isEmpty(); p = p.getParent()) {
            Boolean dir = isDirectory(p.toString(), option);
            if (dir != null) {
                if (!dir) {
                    throw new UserError(option + " " + path + ": " + (p.toString().equals(new Path(path).toString())
                            ? "a file, not a folder" : p + " is a file, not a folder"));
                }
                return;
            }
        }
    }

    /**
     * A root a command writes under: {@link #notAFile}, and on a local file system the nearest existing folder takes
     * a probe file (an actual create, since the permission bits do not tell for root).
     */
    public void writableRoot(String path, String option) {
        notAFile(path, option);
        java.nio.file.Path p = localPath(path, option);
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

    /** True for a folder, false for a file, null when nothing is there. */
    private Boolean isDirectory(String path, String option) {
        java.nio.file.Path local = plainLocal(path);
        if (local != null) {
            return Files.isDirectory(local) ? Boolean.TRUE : Files.exists(local) ? Boolean.FALSE : null;
        }
        try {
            FileStatus s = fs(path, option).getFileStatus(new Path(path));
            return s.isDirectory();
        } catch (FileNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new UserError(option + " " + path + ": " + e.getMessage(), e);
        }
    }

    /** The local file of {@code path}, or null when it is on another file system. */
    private java.nio.file.Path localPath(String path, String option) {
        java.nio.file.Path local = plainLocal(path);
        if (local != null) {
            return local.toAbsolutePath();
        }
        FileSystem fs = fs(path, option);
        if (!(fs instanceof LocalFileSystem) && !"file".equals(fs.getScheme())) {
            return null;
        }
        return java.nio.file.Path.of(fs.makeQualified(new Path(path)).toUri()).toAbsolutePath();
    }

    /** {@code path} as a local file when that needs no Hadoop configuration to tell, else null. */
    private java.nio.file.Path plainLocal(String path) {
        return ctx.plainLocal(path);
    }

    private FileSystem fs(String path, String option) {
        try {
            if (conf == null) {
                conf = ctx.hadoopConfiguration();
            }
            return new Path(path).getFileSystem(conf);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError(option + " " + path + ": " + e.getMessage(), e);
        }
    }
}
