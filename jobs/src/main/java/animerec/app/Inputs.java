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

    /**
     * A split folder ({@code animerec split} wrote it): a folder with split.json, whose tables are Parquet where they
     * are local ({@link #parquetTable}).
     */
    public void split(String path, String option) {
        folder(path, option);
        java.nio.file.Path local = plainLocal(path);
        if (local == null) {
            return;
        }
        if (!Files.isRegularFile(local.resolve("split.json"))) {
            throw new UserError(option + " " + path + ": not a split folder (no split.json); create one with `animerec split`");
        }
        for (String table : new String[] {"train", "test", "validation/train", "validation/test", "items"}) {
            parquetTable(local.resolve(table).toString(), option);
        }
    }

    /** A dataset folder (interactions, items): a folder whose tables are Parquet where they are local. */
    public void dataset(String path, String option) {
        folder(path, option);
        java.nio.file.Path local = plainLocal(path);
        if (local != null) {
            parquetTable(local.resolve("interactions").toString(), option);
            parquetTable(local.resolve("items").toString(), option);
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

    /** {@code path} as a local regular file, or null when it is a folder, missing, or not on the local file system. */
    public java.nio.file.Path localFile(String path) {
        java.nio.file.Path local = plainLocal(path);
        return local != null && Files.isRegularFile(local) ? local : null;
    }

    /**
     * The first line of a local regular file (at most 1 MiB of it, read as UTF-8 with bad bytes replaced), or null
     * when {@link #localFile} is null (Spark reads those). A file of no bytes or one line break is "PATH: file is
     * empty".
     */
    public String firstLine(String path) {
        java.nio.file.Path local = localFile(path);
        if (local == null) {
            return null;
        }
        try (java.io.InputStream in = Files.newInputStream(local)) {
            byte[] head = in.readNBytes(1 << 20);
            if (head.length <= 1 && (head.length == 0 || head[0] == '\n' || head[0] == '\r')) {
                throw new UserError(path + ": file is empty");
            }
            int end = 0;
            while (end < head.length && head[end] != '\n') {
                end++;
            }
            String line = new String(head, 0, end, java.nio.charset.StandardCharsets.UTF_8);
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        } catch (IOException e) {
            throw new UserError(path + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /**
     * A Parquet table folder (or file) that Spark will read: on a local file system, every data file in it (names not
     * starting with "_" or ".", recursively) is checked to start and end with Parquet's magic bytes "PAR1", so that a
     * file that is not Parquet is one line naming it rather than a failed Spark job. Missing paths are left to the
     * reader's own message; other file systems are left to Spark.
     */
    public void parquetTable(String path, String what) {
        java.nio.file.Path local = plainLocal(path);
        if (local == null || !Files.exists(local)) {
            return;
        }
        try (java.util.stream.Stream<java.nio.file.Path> files = Files.walk(local)) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                // a name under the table starting with "_" or "." (the file's or a folder's) is Spark's or Hadoop's
                if (!Files.isRegularFile(f) || local.relativize(f).toString().matches("(.*/)?[_.].*")) {
                    continue;
                }
                String problem = parquetProblem(f);
                if (problem != null) {
                    throw new UserError(what + " " + f + ": not a Parquet file (" + problem + ")");
                }
            }
        } catch (IOException e) {
            throw new UserError(what + " " + path + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Why a local file is not Parquet (its first and last four bytes are "PAR1"), or null. */
    static String parquetProblem(java.nio.file.Path f) throws IOException {
        long size = Files.size(f);
        if (size < 12) {
            return size == 0 ? "the file is empty" : "only " + size + " bytes";
        }
        byte[] magic = "PAR1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(f)) {
            java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(4);
            ch.read(head);
            ch.position(size - 4);
            java.nio.ByteBuffer tail = java.nio.ByteBuffer.allocate(4);
            ch.read(tail);
            if (!java.util.Arrays.equals(head.array(), magic)) {
                return "it starts with " + animerec.util.Excerpt.quoted(
                        new String(head.array(), java.nio.charset.StandardCharsets.ISO_8859_1)) + ", not 'PAR1'";
            }
            if (!java.util.Arrays.equals(tail.array(), magic)) {
                return "it does not end with 'PAR1': cut short?";
            }
        }
        return null;
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
