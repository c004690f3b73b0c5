package animerec.model.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.data.Columns;
import animerec.catalog.ModelCatalog;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import animerec.testing.SparkTestSupport;
import animerec.util.UserError;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class ContentRecommenderTest {
    private static RecommenderModel fit(String name, Map<String, String> params) {
        SparkSession spark = SparkTestSupport.spark();
        Recommender r = ModelCatalog.get(name);
        return r.fit(new TrainingData(ContentFixtures.train(spark), ContentFixtures.items(spark)), r.params(params), 7);
    }

    private static Dataset<Row> users(long... ids) {
        SparkSession spark = SparkTestSupport.spark();
        return spark.createDataset(java.util.Arrays.stream(ids).boxed().toList(), Encoders.LONG()).toDF(Columns.USER);
    }

    private static List<Long> itemsOf(Dataset<Row> recs, long user) {
        return recs.filter(recs.col(Columns.USER).equalTo(user)).orderBy(Columns.RANK).select(Columns.ITEM)
                .as(Encoders.LONG()).collectAsList();
    }

    @Test
    void profilesFollowCentredRatingsAndSeenItemsAreExcluded() {
        RecommenderModel m = fit("genre", Map.of());
        Dataset<Row> train = ContentFixtures.train(SparkTestSupport.spark());
        Dataset<Row> recs = m.recommend(users(1, 2), train.select(Columns.USER, Columns.ITEM), 4);
        // user 1 loved Naruto (5) and disliked K-On! (1): Shippuuden has Naruto's genres, the music titles come last
        List<Long> u1 = itemsOf(recs, 1);
        assertEquals(2L, u1.get(0));
        assertFalse(u1.contains(1L) || u1.contains(3L), "seen items excluded: " + u1);
        assertEquals(List.of(2L, 5L), u1.subList(0, 2));
        // user 2 prefers K-On! (5) over Love Live (4): the never-rated Cold Band (Music, Slice of Life) comes first
        List<Long> u2 = itemsOf(recs, 2);
        assertEquals(6L, u2.get(0), "a cold-start item is recommended: " + u2);
        double score = recs.filter("user_id = 2 and rank = 1").select(Columns.SCORE).as(Encoders.DOUBLE()).first();
        // profile ∝ (music + slice)/√2 − (music + school)/√2 = slice − school; cosine with (music + slice)/√2 = 1/2
        assertEquals(0.5, score, 1e-6);
    }

    @Test
    void usersWithoutHistoryGetPopularityAndAreTold() {
        RecommenderModel m = fit("tfidf", Map.of());
        Dataset<Row> train = ContentFixtures.train(SparkTestSupport.spark());
        Dataset<Row> recs = m.recommend(users(99), train.select(Columns.USER, Columns.ITEM), 2);
        assertEquals(List.of(1L, 3L), itemsOf(recs, 99), "most interacted items (1 and 3: two users each)");
        assertNotNull(((animerec.model.FallbackAware) m).fallbackNote(users(99, 1)));
        assertTrue(((animerec.model.FallbackAware) m).fallbackNote(users(99, 1)).startsWith("1 user(s)"), ((animerec.model.FallbackAware) m).fallbackNote(users(99, 1)));
        assertNull(((animerec.model.FallbackAware) m).fallbackNote(users(1, 2)));
    }

    private static Row item(long id, String... genres) {
        return RowFactory.create(id, "item " + id, scala.jdk.javaapi.CollectionConverters.asScala(List.of(genres)).toSeq(),
                null, null, null, null);
    }

    /**
     * Every user but one has training rows. User 2 rated two items of the same genres 8 and 6, and user 6 three
     * of them 8, 8 and 7: their centred weights cancel (exactly, or up to rounding), so they are profiled by the
     * items alone. Users 3 and 4 have history, but their items have no genre (4) or are not in the catalogue (99).
     */
    @Test
    void theFallbackNoteCountsUsersWithoutHistoryApartFromUsersWithoutFeatures() {
        SparkSession spark = SparkTestSupport.spark();
        Dataset<Row> items = spark.createDataFrame(List.of(item(1, "Action"), item(2, "Action"), item(3, "Drama"),
                item(4), item(5, "Music"), item(6, "Action", "Drama"), item(7, "Action")), Columns.ITEMS);
        Dataset<Row> train = spark.createDataFrame(List.of(
                RowFactory.create(1L, 1L, 5.0, null), RowFactory.create(1L, 3L, 1.0, null),
                RowFactory.create(2L, 1L, 8.0, null), RowFactory.create(2L, 2L, 6.0, null),
                RowFactory.create(3L, 4L, 7.0, null),
                RowFactory.create(4L, 99L, 7.0, null),
                RowFactory.create(5L, 3L, 9.0, null), RowFactory.create(5L, 5L, 2.0, null),
                RowFactory.create(6L, 1L, 8.0, null), RowFactory.create(6L, 2L, 8.0, null),
                RowFactory.create(6L, 7L, 7.0, null)), Columns.INTERACTIONS);
        Recommender r = ModelCatalog.get("genre");
        RecommenderModel m = r.fit(new TrainingData(train.repartition(3), items), r.params(Map.of()), 7);
        assertEquals("1 user(s) have no history in the model's training data; 2 user(s) have history, but none of "
                + "their items has genre features: their recommendations are the most popular items (popularity fallback)",
                ((animerec.model.FallbackAware) m).fallbackNote(users(1, 2, 3, 4, 5, 6, 77)));
        assertEquals("2 user(s) have history, but none of their items has genre features: their recommendations are "
                + "the most popular items (popularity fallback)", ((animerec.model.FallbackAware) m).fallbackNote(users(1, 2, 3, 4)));
        assertNull(((animerec.model.FallbackAware) m).fallbackNote(users(1, 2, 5, 6)));
        Dataset<Row> recs = m.recommend(users(2, 6), train.select(Columns.USER, Columns.ITEM), 1);
        // an Action profile (popularity would give item 3): user 2 gets the unseen Action item 7 at cosine 1,
        // user 6, who has seen every Action-only item, Action + Drama at 1/√2
        long[][] expected = {{2, 7}, {6, 6}};
        double[] cosine = {1.0, Math.sqrt(0.5)};
        for (int e = 0; e < 2; e++) {
            Row top = recs.filter(recs.col(Columns.USER).equalTo(expected[e][0])).first();
            assertEquals(expected[e][1], top.getLong(1), "user " + expected[e][0]);
            assertEquals(cosine[e], top.getDouble(3), 1e-6, "user " + expected[e][0]);
        }
    }

    @Test
    void aNewUserKnownByLikedItemsGetsSimilarOnes() {
        RecommenderModel m = fit("tfidf", Map.of());
        List<Long> recs = ((animerec.model.LikedItemsRecommender) m).recommendForLiked(List.of(3L), 3).orderBy(Columns.RANK).select(Columns.ITEM)
                .as(Encoders.LONG()).collectAsList();
        assertEquals(6L, recs.get(0), "Cold Band shares K-On!'s genres and words: " + recs);
        assertFalse(recs.contains(3L));
        UserError e = assertThrows(UserError.class, () -> ((animerec.model.LikedItemsRecommender) m).recommendForLiked(List.of(3L, 12345L), 3));
        assertTrue(e.getMessage().contains("12345"), e.getMessage());
    }

    @Test
    void fittingWithoutItemsIsAClearError() {
        Recommender r = ModelCatalog.get("embedding");
        UserError e = assertThrows(UserError.class, () -> r.fit(TrainingData.of(ContentFixtures.train(
                SparkTestSupport.spark())), r.params(Map.of()), 1));
        assertTrue(e.getMessage().contains("needs item metadata"), e.getMessage());
    }
}
