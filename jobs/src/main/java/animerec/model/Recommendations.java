package animerec.model;

import animerec.data.Columns;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The schemas every model returns: top-K lists, and rating predictions. */
public final class Recommendations {
    public static final StructType SCHEMA = new StructType()
            .add(Columns.USER, DataTypes.LongType, false)
            .add(Columns.ITEM, DataTypes.LongType, false)
            .add(Columns.RANK, DataTypes.IntegerType, false)
            .add(Columns.SCORE, DataTypes.DoubleType, false);

    private Recommendations() {
    }

    /** What {@link RecommenderModel#predict} returns: the pair, the estimate, and whether it was a fallback. */
    public static final StructType PREDICTIONS = new StructType()
            .add(Columns.USER, DataTypes.LongType, false)
            .add(Columns.ITEM, DataTypes.LongType, false)
            .add("prediction", DataTypes.DoubleType, false)
            .add("impossible", DataTypes.BooleanType, false);
}
