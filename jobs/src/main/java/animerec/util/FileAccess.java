package animerec.util;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Reads and writes the small files of the light commands (metrics files, the registry manifest) without a
 * SparkSession. A path that is plainly local ({@code local} maps it to a {@link java.nio.file.Path}) goes through
 * java.nio, so Hadoop is not even loaded; any other ({@code hdfs:}, {@code s3a:}, a path under a configured default
 * file system) through Hadoop's {@link FileSystem}, with the configuration {@code hadoop} supplies, asked for only
 * then. Failures are {@link UserError}s naming the path.
 */
public final class FileAccess {
    private final Function<String, java.nio.file.Path> local;
    private final Supplier<Configuration> hadoop;
    private volatile Configuration conf;

    /**
     * @param local  the local file of a path, or null when the path must go through Hadoop
     * @param hadoop the Hadoop configuration, asked for the first time a path goes through Hadoop
     */
    public FileAccess(Function<String, java.nio.file.Path> local, Supplier<Configuration> hadoop) {
        this.local = local;
        this.hadoop = hadoop;
    }

    /** Every path through Hadoop, with {@code conf}. */
    public static FileAccess hadoop(Configuration conf) {
        return new FileAccess(p -> null, () -> conf);
    }

    /** The Hadoop configuration (created on the first call, once however many threads ask at the same time). */
    public Configuration configuration() {
        Configuration c = conf;
        if (c == null) {
            synchronized (this) {
                c = conf;
                if (c == null) {
                    c = hadoop.get();
                    conf = c;
                }
            }
        }
        return c;
    }

    /** The local file of {@code path}, or null when it goes through Hadoop. */
    public java.nio.file.Path localOrNull(String path) {
        return local.apply(path);
    }

    /** True for a folder, false for a file, null when nothing is there. */
    public Boolean isDirectory(String path) {
        java.nio.file.Path p = local.apply(path);
        if (p != null) {
            return Files.isDirectory(p) ? Boolean.TRUE : Files.exists(p) ? Boolean.FALSE : null;
        }
        try {
            return HadoopFiles.fs(configuration(), path).getFileStatus(new Path(path)).isDirectory();
        } catch (FileNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new UserError("cannot check " + path + ": " + e.getMessage(), e);
        }
    }

    public boolean exists(String path) {
        return isDirectory(path) != null;
    }

    /** When a file was last written (epoch milliseconds); for a folder, its newest data file ({@link #dataFiles}). */
    public long modified(String path) {
        Boolean dir = isDirectory(path);
        if (dir == null) {
            throw new UserError(path + ": no such file or folder");
        }
        if (dir) {
            long newest = 0;
            for (String f : dataFiles(path)) {
                newest = Math.max(newest, modified(f));
            }
            return newest;
        }
        java.nio.file.Path p = local.apply(path);
        try {
            return p != null ? Files.getLastModifiedTime(p).toMillis()
                    : HadoopFiles.fs(configuration(), path).getFileStatus(new Path(path)).getModificationTime();
        } catch (IOException e) {
            throw new UserError("cannot check " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The files of a folder that hold data, as Spark reads a folder: names starting with {@code _} or {@code .}
     * ({@code _SUCCESS}, checksums) are left out; sorted by name. Each is named as {@code dir} is, scheme and all
     * (Hadoop's are fully qualified), so that a {@code file:} folder's files stay local under another default file
     * system.
     */
    public List<String> dataFiles(String dir) {
        List<String> out = new ArrayList<>();
        java.nio.file.Path p = local.apply(dir);
        try {
            if (p != null) {
                try (Stream<java.nio.file.Path> s = Files.list(p)) {
                    String parent = dir.endsWith("/") ? dir : dir + "/";
                    s.filter(f -> Files.isRegularFile(f) && visible(f.getFileName().toString()))
                            .map(f -> parent + f.getFileName()).sorted().forEach(out::add);
                }
                return out;
            }
            for (FileStatus s : HadoopFiles.fs(configuration(), dir).listStatus(new Path(dir))) {
                if (s.isFile() && visible(s.getPath().getName())) {
                    out.add(s.getPath().toString());
                }
            }
            out.sort(null);
            return out;
        } catch (IOException e) {
            throw new UserError("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean visible(String name) {
        return !name.startsWith("_") && !name.startsWith(".");
    }

    /**
     * The bytes of a file, decompressed when its name ends in a codec's extension ({@code .gz} locally; any codec
     * Hadoop knows otherwise), as Spark's text readers do. The caller closes the stream.
     */
    public InputStream open(String path) {
        java.nio.file.Path p = local.apply(path);
        try {
            if (p != null && !compressedOtherThanGzip(path)) {
                InputStream in = Files.newInputStream(p);
                return path.endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
            }
            Path hp = p != null ? new Path(p.toUri()) : new Path(path);
            FileSystem fs = HadoopFiles.fs(configuration(), hp.toString());
            FileSystem raw = fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
            InputStream in = raw.open(hp);
            CompressionCodec codec = new CompressionCodecFactory(configuration()).getCodec(hp);
            return codec == null ? in : codec.createInputStream(in);
        } catch (FileNotFoundException | NoSuchFileException e) {
            throw new UserError(path + ": no such file", e);
        } catch (IOException e) {
            throw new UserError("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static boolean compressedOtherThanGzip(String path) {
        return path.matches(".*\\.(bz2|deflate|lz4|snappy|zst)$");
    }

    public String readString(String path) {
        try (InputStream in = open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code content} atomically (a hidden temporary file, then a rename), creating the parent folders. */
    public void writeStringAtomically(String path, String content) {
        java.nio.file.Path p = local.apply(path);
        if (p == null) {
            HadoopFiles.writeStringAtomically(configuration(), path, content);
            return;
        }
        try {
            java.nio.file.Path parent = p.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UserError("cannot write " + path + ": " + e.getMessage(), e);
        }
        LocalFiles.writeAtomically(p.toAbsolutePath(), content);
    }
}
