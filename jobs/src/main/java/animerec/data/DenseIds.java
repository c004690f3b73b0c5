package animerec.data;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Dense int indices 0..n-1 for long ids, the i-th smallest id getting i (so a lower index is a lower id and the
 * numbering depends only on the set of ids). Models whose kernels work on primitive arrays, or libraries that
 * need int ids (Spark's ALS), index with this.
 */
public final class DenseIds {
    private DenseIds() {
    }

    /** {@code column, indexColumn}: one row per distinct id in {@code column} of {@code table}. */
    public static Dataset<Row> index(Dataset<Row> table, String column, String indexColumn) {
        Dataset<Row> ids = table.select(column).distinct().orderBy(column);
        JavaRDD<Row> indexed = ids.javaRDD().zipWithIndex().map(t -> {
            if (t._2() > Integer.MAX_VALUE) {
                throw new IllegalStateException("more than 2^31 distinct " + column + " values");
            }
            return RowFactory.create(t._1().getLong(0), (int) (long) t._2());
        });
        return table.sparkSession().createDataFrame(indexed, new StructType()
                .add(column, DataTypes.LongType, false)
                .add(indexColumn, DataTypes.IntegerType, false));
    }
}
