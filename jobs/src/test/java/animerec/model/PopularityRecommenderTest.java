package animerec.model;

import animerec.catalog.ModelCatalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.data.Columns;
import animerec.model.popularity.PopularityRecommender;
import animerec.testing.SparkTestSupport;
import animerec.util.UserError;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class PopularityRecommenderTest {
    private final SparkSession spark = SparkTestSupport.spark();

    /** Item 1: 3 users (ratings 2, 2, 2); item 2: 2 users (10, 10); item 3: 1 user (null); item 4: 1 user (5). */
    private Dataset<Row> train() {
        return spark.createDataFrame(List.of(
                RowFactory.create(1L, 1L, 2.0, null), RowFactory.create(2L, 1L, 2.0, null), RowFactory.create(3L, 1L, 2.0, null),
                RowFactory.create(1L, 2L, 10.0, null), RowFactory.create(2L, 2L, 10.0, null),
                RowFactory.create(3L, 3L, null, null), RowFactory.create(4L, 4L, 5.0, null)), Columns.INTERACTIONS);
    }

    private Dataset<Row> users(long... ids) {
        return spark.createDataFrame(java.util.Arrays.stream(ids).mapToObj(u -> RowFactory.create(u)).toList(),
                new org.apache.spark.sql.types.StructType().add(Columns.USER, org.apache.spark.sql.types.DataTypes.LongType));
    }

    private static List<Long> items(Dataset<Row> recs, long user) {
        return recs.filter(recs.col(Columns.USER).equalTo(user)).orderBy(Columns.RANK).collectAsList().stream()
                .map(r -> r.getLong(1)).toList();
    }

    @Test
    void countRanksByInteractionsAndSkipsSeenItems() {
        Recommender pop = ModelCatalog.get("popularity");
        RecommenderModel m = pop.fit(TrainingData.of(train()), pop.params(Map.of()), 1);
        Dataset<Row> seen = train().select(Columns.USER, Columns.ITEM);
        Dataset<Row> recs = m.recommend(users(1, 4, 99), seen, 3);
        // counts: 1 -> 3, 2 -> 2, 3 -> 1, 4 -> 1 (tie broken by lower id)
        assertEquals(List.of(3L, 4L), items(recs, 1));     // user 1 saw items 1 and 2
        assertEquals(List.of(1L, 2L, 3L), items(recs, 4));  // user 4 saw item 4
        assertEquals(List.of(1L, 2L, 3L), items(recs, 99)); // unknown user: plain popularity
        Row top = recs.filter("user_id = 99 and rank = 1").first();
        assertEquals(3.0, top.getDouble(3), 0.0);
    }

    @Test
    void ratedScoreIsLog1pCountTimesMeanRating() {
        Recommender pop = ModelCatalog.get("popularity-rated");
        RecommenderModel m = pop.fit(TrainingData.of(train()), pop.params(Map.of()), 1);
        Dataset<Row> recs = m.recommend(users(99), train().limit(0).select(Columns.USER, Columns.ITEM), 4);
        // item 2: log1p(2)*10 = 10.99; item 1: log1p(3)*2 = 2.77; item 4: log1p(1)*5 = 3.47;
        // item 3: no rating -> global mean (2+2+2+10+10+5)/6 = 31/6 -> log1p(1)*31/6 = 3.58
        assertEquals(List.of(2L, 3L, 4L, 1L), items(recs, 99));
        Row third = recs.filter("rank = 2").first();
        assertEquals(Math.log1p(1) * 31.0 / 6.0, third.getDouble(3), 1e-12);
    }

    @Test
    void parametersAreValidated() {
        Recommender pop = ModelCatalog.get("popularity");
        UserError unknown = assertThrows(UserError.class, () -> pop.params(Map.of("sc0re", "count")));
        assertTrue(unknown.getMessage().contains("sc0re") && unknown.getMessage().contains("score"));
        UserError bad = assertThrows(UserError.class, () -> pop.params(Map.of("score", "median")));
        assertTrue(bad.getMessage().contains("one of count, log_count_mean"), bad.getMessage());
        assertThrows(UserError.class, () -> ModelCatalog.get("nope"));
        assertEquals(PopularityRecommender.LOG_COUNT_MEAN, pop.params(Map.of("score", "log_count_mean"))
                .asStrings().get("score"));
    }
}
