package animerec.model.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import animerec.data.Columns;
import animerec.catalog.ModelCatalog;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import animerec.testing.SparkTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class ItemKnnRecommenderTest {
    /** u1 {1,2}, u2 {1,2,3}, u3 {2,3}, u4 {1}: n1 = n2 = 3, n3 = 2; c12 = 2, c13 = 1, c23 = 2. */
    private static Dataset<Row> train() {
        long[][] pairs = {{1, 1}, {1, 2}, {2, 1}, {2, 2}, {2, 3}, {3, 2}, {3, 3}, {4, 1}};
        List<Row> rows = new ArrayList<>();
        for (long[] p : pairs) {
            rows.add(RowFactory.create(p[0], p[1], p[0] == 3 ? null : 4.0, 0L));
        }
        return SparkTestSupport.spark().createDataFrame(rows, Columns.INTERACTIONS);
    }

    private static List<Row> recommend(Map<String, String> params, int k) {
        Recommender r = ModelCatalog.get("item-knn");
        RecommenderModel m = r.fit(TrainingData.of(train()), r.params(params), 1);
        Dataset<Row> seen = train().select(Columns.USER, Columns.ITEM);
        return m.recommend(seen.select(Columns.USER).distinct(), seen, k).orderBy(Columns.USER, Columns.RANK).collectAsList();
    }

    @Test
    void cosineNeighboursAndSummedScores() {
        List<Row> recs = recommend(Map.of("k", "5", "shrinkage", "0"), 5);
        // u1 {1,2} -> 3: 1/sqrt(6) + 2/sqrt(6); u3 {2,3} -> 1: 2/3 + 1/sqrt(6); u4 {1} -> 2 (2/3), then 3 (1/sqrt(6))
        Object[][] expected = {
            {1L, 3L, 1, 3 / Math.sqrt(6)},
            {3L, 1L, 1, 2.0 / 3 + 1 / Math.sqrt(6)},
            {4L, 2L, 1, 2.0 / 3},
            {4L, 3L, 2, 1 / Math.sqrt(6)}};
        assertEquals(expected.length, recs.size(), recs.toString());
        for (int i = 0; i < expected.length; i++) {
            Row r = recs.get(i);
            assertEquals(List.of(expected[i][0], expected[i][1], expected[i][2]), List.of(r.get(0), r.get(1), r.get(2)));
            assertEquals((double) expected[i][3], r.getDouble(3), 1e-12, r.toString());
        }
    }

    @Test
    void reasonsNameTheUsersMostSimilarItemsFirst() {
        Recommender r = ModelCatalog.get("item-knn");
        RecommenderModel m = r.fit(TrainingData.of(train()), r.params(Map.of("k", "5", "shrinkage", "0")), 1);
        Dataset<Row> seen = train().select(Columns.USER, Columns.ITEM);
        Dataset<Row> pairs = SparkTestSupport.spark().createDataFrame(List.of(RowFactory.create(1L, 3L)),
                new org.apache.spark.sql.types.StructType().add(Columns.USER, org.apache.spark.sql.types.DataTypes.LongType)
                        .add(Columns.ITEM, org.apache.spark.sql.types.DataTypes.LongType));
        List<Row> why = ((animerec.model.Explainer) m).reasons(pairs, seen).collectAsList();
        // u1 has {1, 2}; sim(2 -> 3) = 2/sqrt(6) > sim(1 -> 3) = 1/sqrt(6)
        assertEquals(1, why.size());
        assertEquals("item-knn: similar to items you have: 2, 1", why.get(0).getString(2));
    }

    @Test
    void kLimitsTheNeighboursAndAlphaDampsPopularNeighbours() {
        // k = 1: item 1 keeps only item 2, so u4 gets item 2 alone
        List<Row> recs = recommend(Map.of("k", "1", "shrinkage", "0"), 5);
        assertEquals(1, recs.stream().filter(r -> r.getLong(0) == 4L).count());
        // alpha = 1: sim(i -> j) = c_ij / n_i; u4 {1}: 2 -> 2/3, 3 -> 1/3; shrinkage 1: 2/4 and 1/4
        List<Row> damped = recommend(Map.of("k", "5", "alpha", "1", "shrinkage", "1"), 5);
        List<Row> u4 = damped.stream().filter(r -> r.getLong(0) == 4L).toList();
        assertEquals(0.5, u4.get(0).getDouble(3), 1e-12);
        assertEquals(0.25, u4.get(1).getDouble(3), 1e-12);
    }
}
