package animerec.model;

import animerec.data.Columns;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The schema of top-K output every model returns. */
public final class Recommendations {
    public static final StructType SCHEMA = new StructType()
            .add(Columns.USER, DataTypes.LongType, false)
            .add(Columns.ITEM, DataTypes.LongType, false)
            .add(Columns.RANK, DataTypes.IntegerType, false)
            .add(Columns.SCORE, DataTypes.DoubleType, false);

    private Recommendations() {
    }
}
