package animerec.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import animerec.data.Columns;
import animerec.data.Franchise;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * The share of recommended slots that go to an item of a franchise the user already has in train (a sequel, recap,
 * movie or side story of something they watched), by {@link Franchise#key} on the item names.
 */
public final class FranchiseShare {
    private FranchiseShare() {
    }

    /** @param recs {@code user_id, anime_id, ...}; @param train the train interactions; @param items the items table */
    public static double of(Dataset<Row> recs, Dataset<Row> train, Dataset<Row> items) {
        UserDefinedFunction key = udf((String name) -> Franchise.key(name), DataTypes.StringType);
        Dataset<Row> keys = items.select(col(Columns.ITEM), key.apply(col(Columns.NAME)).as("franchise"))
                .filter(col("franchise").notEqual(""));
        Dataset<Row> owned = train.select(Columns.USER, Columns.ITEM).join(keys, new String[] {Columns.ITEM})
                .select(Columns.USER, "franchise").distinct();
        Dataset<Row> slots = recs.select(Columns.USER, Columns.ITEM);
        long total = slots.count();
        if (total == 0) {
            return 0;
        }
        long same = slots.join(keys, new String[] {Columns.ITEM})
                .join(owned, new String[] {Columns.USER, "franchise"}, "left_semi").count();
        return (double) same / total;
    }
}
