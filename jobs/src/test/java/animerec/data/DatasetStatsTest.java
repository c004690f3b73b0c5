package animerec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import animerec.testing.SparkTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Hand-counted degree distributions and rating histograms. */
class DatasetStatsTest {
    private final SparkSession spark = SparkTestSupport.spark();

    @Test
    void countsOfCountsRatingsAndUnrated() {
        // user 1: items 1, 2, 3; user 2: items 1, 2; user 3: item 1 (unrated)
        List<Row> rows = List.of(RowFactory.create(1L, 1L, 5.0, null), RowFactory.create(1L, 2L, 3.0, null),
                RowFactory.create(1L, 3L, 5.0, null), RowFactory.create(2L, 1L, 3.0, null),
                RowFactory.create(2L, 2L, 4.0, null), RowFactory.create(3L, 1L, null, null));
        JsonNode s = DatasetStats.of(spark.createDataFrame(rows, Columns.INTERACTIONS));
        assertEquals("[[1,1],[2,1],[3,1]]", s.get("users_by_interactions").toString());
        // item 1: 3 users, item 2: 2, item 3: 1
        assertEquals("[[1,1],[2,1],[3,1]]", s.get("items_by_interactions").toString());
        assertEquals("[{\"min\":3.0,\"max\":3.0,\"count\":2},{\"min\":4.0,\"max\":4.0,\"count\":1},"
                + "{\"min\":5.0,\"max\":5.0,\"count\":2}]", s.get("ratings").toString());
        assertEquals(6, s.get("interactions").asLong());
        assertEquals(1, s.get("unrated").asLong());
        assertEquals(1.0 / 6, s.get("unrated_share").asDouble(), 0.0);
    }

    @Test
    void manyDistinctRatingsAreBinned() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i <= 200; i++) {
            rows.add(RowFactory.create((long) i, 1L, i / 20.0, null)); // 0.00, 0.05, ..., 10.0
        }
        rows.add(RowFactory.create(999L, 1L, null, null));
        JsonNode s = DatasetStats.of(spark.createDataFrame(rows, Columns.INTERACTIONS));
        JsonNode r = s.get("ratings");
        assertEquals(DatasetStats.RATING_BINS, r.size());
        assertEquals(0.0, r.get(0).get("min").asDouble(), 0.0);
        assertEquals(10.0, r.get(19).get("max").asDouble(), 0.0);
        long sum = 0;
        for (JsonNode b : r) {
            sum += b.get("count").asLong();
        }
        assertEquals(201, sum);
        assertEquals(10, r.get(0).get("count").asLong()); // 0.00 .. 0.45
        assertEquals(11, r.get(19).get("count").asLong()); // 9.50 .. 10.0, the maximum in the last bin
        assertEquals(202, s.get("interactions").asLong());
        assertEquals(1, s.get("unrated").asLong());
    }
}
