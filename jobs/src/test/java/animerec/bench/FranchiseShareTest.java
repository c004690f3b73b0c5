package animerec.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import animerec.data.Columns;
import animerec.testing.SparkTestSupport;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class FranchiseShareTest {
    @Test
    void countsTheSlotsThatContinueAFranchiseTheUserHas() {
        SparkSession spark = SparkTestSupport.spark();
        StructType itemSchema = new StructType().add(Columns.ITEM, DataTypes.LongType).add(Columns.NAME, DataTypes.StringType);
        Dataset<Row> items = spark.createDataFrame(List.of(
                RowFactory.create(1L, "Naruto"), RowFactory.create(2L, "Naruto: Shippuuden"),
                RowFactory.create(3L, "Death Note"), RowFactory.create(4L, "Death Parade"),
                RowFactory.create(5L, "Gintama"), RowFactory.create(6L, "Gintama'")), itemSchema);
        StructType pairs = new StructType().add(Columns.USER, DataTypes.LongType).add(Columns.ITEM, DataTypes.LongType);
        // user 1 has Naruto and Death Note; user 2 has Gintama
        Dataset<Row> train = spark.createDataFrame(List.of(RowFactory.create(1L, 1L), RowFactory.create(1L, 3L),
                RowFactory.create(2L, 5L)), pairs);
        // user 1: Shippuuden (same franchise), Death Parade (not), Gintama' (not theirs); user 2: Gintama' (same)
        Dataset<Row> recs = spark.createDataFrame(List.of(RowFactory.create(1L, 2L), RowFactory.create(1L, 4L),
                RowFactory.create(1L, 6L), RowFactory.create(2L, 6L)), pairs);
        assertEquals(2.0 / 4, FranchiseShare.of(recs, train, items), 1e-12);
        assertEquals(0.0, FranchiseShare.of(recs.limit(0), train, items));
    }
}
