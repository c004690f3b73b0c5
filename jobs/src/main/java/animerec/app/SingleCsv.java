package animerec.app;

import animerec.util.UserError;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** One CSV (or other delimited text) file from a one-partition Dataset. */
public final class SingleCsv {
    private SingleCsv() {
    }

    /** Writes {@code oneSorted} to {@code file} (via a temporary folder) with a header and returns the rows written. */
    public static long write(Dataset<Row> oneSorted, String file) {
        write(oneSorted, file, ",", true);
        return oneSorted.sparkSession().read().option("header", true).csv(file).count();
    }

    /** Writes {@code oneSorted} to {@code file} (via a temporary folder), columns separated by {@code sep}. */
    public static void write(Dataset<Row> oneSorted, String file, String sep, boolean header) {
        Configuration conf = oneSorted.sparkSession().sparkContext().hadoopConfiguration();
        Path target = new Path(file);
        String tmp = new Path(target.getParent() == null ? new Path(".") : target.getParent(),
                "." + target.getName() + ".tmp-" + UUID.randomUUID()).toString();
        oneSorted.write().option("sep", sep).option("header", header).csv(tmp);
        try {
            FileSystem fs = target.getFileSystem(conf);
            FileStatus[] parts = fs.globStatus(new Path(tmp, "part-*"));
            if (parts == null || parts.length != 1) {
                throw new IllegalStateException("expected one CSV part in " + tmp);
            }
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(parts[0].getPath(), target)) {
                throw new UserError("cannot write " + file);
            }
            fs.delete(new Path(tmp), true);
        } catch (java.io.IOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
