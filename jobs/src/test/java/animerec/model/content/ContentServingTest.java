package animerec.model.content;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.catalog.ModelCatalog;
import animerec.data.Columns;
import animerec.data.generate.SampleDatasetWriter;
import animerec.data.generate.SampleSpec;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.serving.Servable;
import animerec.model.TrainingData;
import animerec.model.popularity.PopularityRecommender;
import animerec.model.serving.Query;
import animerec.model.serving.Scored;
import animerec.model.serving.ServingModel;
import animerec.testing.SparkTestSupport;
import animerec.util.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served content models answer as the batch ones: for ~50 users (some with the popularity fallback: unknown
 * users, and users whose items have no features) {@code serving().recommend} lists exactly the items of the batch
 * {@code recommend} in its order with the same scores, and for liked items those of {@code recommendForLiked}.
 */
@Tag("slow") // scripts/test-slow runs it (the default suite is at its 15-minute bound on 2 cores)
class ContentServingTest {
    private static final int K = 10;
    /** Items 5, 10, 15, ... have no genres (the genre model has no vector for them). */
    private static final int NO_GENRES_EVERY = 5;

    @TempDir
    static Path tmp;

    private static Dataset<Row> items;
    private static Dataset<Row> train;
    private static Dataset<Row> seen;
    private static Dataset<Row> users;
    private static Map<Long, long[]> history;

    @BeforeAll
    static void sample() {
        SparkSession spark = SparkTestSupport.spark();
        String data = tmp.resolve("data").toString();
        SampleDatasetWriter.write(spark, new SampleSpec(250, 250, 3000, 11L, 0.2, 4), data);
        items = spark.read().parquet(data + "/" + Columns.ITEMS_TABLE)
                .withColumn(Columns.GENRES, when(col(Columns.ITEM).mod(NO_GENRES_EVERY).equalTo(0),
                        lit(null).cast("array<string>")).otherwise(col(Columns.GENRES)))
                .cache();
        // 900001 only had items outside the catalogue; 900002 only items without genres (featureless for genre)
        List<Row> extra = List.of(
                RowFactory.create(900001L, 999991L, 7.0, 1L),
                RowFactory.create(900001L, 999992L, null, 2L),
                RowFactory.create(900002L, 5L, 8.0, 3L),
                RowFactory.create(900002L, 10L, 6.0, 4L));
        train = spark.read().parquet(data + "/" + Columns.INTERACTIONS_TABLE)
                .unionByName(spark.createDataFrame(extra, Columns.INTERACTIONS)).cache();
        // 900003 and 900004 are not in the training data; what they saw is still excluded
        List<Row> unknownSeen = List.of(RowFactory.create(900003L, 1L), RowFactory.create(900003L, 2L),
                RowFactory.create(900004L, 3L));
        seen = train.select(Columns.USER, Columns.ITEM).unionByName(spark.createDataFrame(unknownSeen,
                new org.apache.spark.sql.types.StructType().add(Columns.USER, "long").add(Columns.ITEM, "long"))).cache();
        List<Long> ids = new ArrayList<>();
        for (long u = 1; u <= 250; u += 5) {
            ids.add(u);
        }
        ids.addAll(List.of(900001L, 900002L, 900003L, 900004L, 900005L)); // 900005: no history at all
        users = spark.createDataset(ids, Encoders.LONG()).toDF(Columns.USER);
        Map<Long, TreeSet<Long>> h = new TreeMap<>();
        for (Row r : seen.join(users, Columns.USER).collectAsList()) {
            h.computeIfAbsent(r.getLong(r.fieldIndex(Columns.USER)), x -> new TreeSet<>())
                    .add(r.getLong(r.fieldIndex(Columns.ITEM)));
        }
        history = new TreeMap<>();
        for (long u : ids) {
            history.put(u, h.getOrDefault(u, new TreeSet<>()).stream().mapToLong(Long::longValue).toArray());
        }
    }

    private static ContentModel fit(String family, Map<String, String> params) {
        Recommender r = ModelCatalog.get(family);
        return (ContentModel) r.fit(new TrainingData(train, items), r.params(params), 7);
    }

    /** The batch lists per user: item and score, by rank. */
    private static Map<Long, List<Scored>> batch(RecommenderModel m) {
        Map<Long, List<Scored>> out = new TreeMap<>();
        for (Row r : m.recommend(users, seen, K).orderBy(Columns.USER, Columns.RANK).collectAsList()) {
            out.computeIfAbsent(r.getLong(r.fieldIndex(Columns.USER)), x -> new ArrayList<>())
                    .add(new Scored(r.getLong(r.fieldIndex(Columns.ITEM)), r.getDouble(r.fieldIndex(Columns.SCORE))));
        }
        return out;
    }

    private static List<Scored> batchLiked(ContentModel m, List<Long> liked) {
        List<Scored> out = new ArrayList<>();
        for (Row r : m.recommendForLiked(liked, K).orderBy(Columns.RANK).collectAsList()) {
            out.add(new Scored(r.getLong(0), r.getDouble(2)));
        }
        return out;
    }

    /** Items in order and scores to the bit. */
    private static void assertSameList(List<Scored> expected, List<Scored> actual, String what) {
        assertEquals(expected.stream().map(Scored::item).toList(), actual.stream().map(Scored::item).toList(), what);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).score(), actual.get(i).score(), 0.0, what + " at rank " + (i + 1));
        }
    }

    /** Every user's served list is the batch's; {@code fallbackUsers} get the popularity model's list. */
    private static void assertServedAsBatch(ContentModel m, ServingModel served, List<Long> fallbackUsers) {
        Map<Long, List<Scored>> expected = batch(m);
        assertEquals(m.family(), served.family());
        assertTrue(served.foldsIn());
        PopularityRecommender pop = PopularityRecommender.byCount(); // the fallback the content models fit
        ServingModel popularity = animerec.testing.Served.saveAndServe(pop, pop.fit(TrainingData.of(train), pop.params(Map.of()), 7));
        int nonEmpty = 0;
        for (Map.Entry<Long, long[]> e : history.entrySet()) {
            long user = e.getKey();
            List<Scored> got = served.recommend(new Query(user, e.getValue()), K);
            List<Scored> want = expected.getOrDefault(user, List.of());
            assertSameList(want, got, m.family() + " user " + user);
            nonEmpty += got.isEmpty() ? 0 : 1;
            if (fallbackUsers.contains(user)) {
                assertSameList(popularity.recommend(new Query(user, e.getValue()), K), got, "fallback for " + user);
            }
            for (long seenItem : e.getValue()) {
                assertFalse(got.stream().anyMatch(s -> s.item() == seenItem), "seen item listed for " + user);
            }
        }
        assertEquals(history.size(), nonEmpty, "every user has a list");
    }

    private void assertLikedAsBatch(ContentModel m, ServingModel served, List<List<Long>> likedLists) {
        for (List<Long> liked : likedLists) {
            List<Scored> got = served.recommend(Query.liked(liked.stream().mapToLong(Long::longValue).toArray()), K);
            assertEquals(K, got.size(), m.family() + " liked " + liked);
            assertSameList(batchLiked(m, liked), got, m.family() + " liked " + liked);
        }
    }

    private static final List<List<Long>> LIKED = List.of(List.of(1L, 2L, 43L),
            List.of(11L, 12L, 13L, 14L, 16L, 17L, 18L, 19L, 150L, 249L));

    @Test
    void genreServedAsTheBatchWithFallbacksAndFeaturelessLikedItems() {
        ContentModel m = fit("genre", Map.of());
        ServingModel served = animerec.testing.Served.saveAndServe(ModelCatalog.get(m.family()), m);
        assertFalse(DenseVectors.isDense(m.itemVectors()), "genre vectors take the sparse kernel");
        // 900001..900005: outside the catalogue, only genre-less items, unknown with history, unknown, no history
        assertServedAsBatch(m, served, List.of(900001L, 900002L, 900003L, 900004L, 900005L));
        assertLikedAsBatch(m, served, LIKED);
        // liked items without genres: the batch refuses, the served model lists nothing (the server says why)
        assertThrows(UserError.class, () -> m.recommendForLiked(List.of(5L, 10L), K));
        assertEquals(List.of(), served.recommend(Query.liked(new long[] {10L, 5L}), K));
        assertEquals(List.of(), served.recommend(Query.liked(new long[] {999991L}), K), "not in the catalogue");
    }

    @Test
    void tfidfServedAsTheBatch() {
        ContentModel m = fit("tfidf", Map.of());
        ServingModel served = animerec.testing.Served.saveAndServe(ModelCatalog.get(m.family()), m);
        assertFalse(DenseVectors.isDense(m.itemVectors()), "tf-idf vectors take the sparse kernel");
        assertServedAsBatch(m, served, List.of(900001L, 900003L, 900004L, 900005L));
        assertLikedAsBatch(m, served, LIKED);
    }

    /** Given 8-dimensional embeddings (random, some negative) for every item but 3, 6, 9, ... (no vector: no feature). */
    private static String embeddings() {
        SparkSession spark = SparkTestSupport.spark();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        List<Row> rows = new ArrayList<>();
        for (Row r : items.select(Columns.ITEM).collectAsList()) {
            long id = r.getLong(0);
            if (id % 3 != 0) {
                double[] v = new double[8];
                for (int f = 0; f < v.length; f++) {
                    v[f] = rng.nextDouble(-1, 1);
                }
                rows.add(RowFactory.create(id, org.apache.spark.ml.linalg.Vectors.dense(v)));
            }
        }
        String path = tmp.resolve("embeddings").toString();
        spark.createDataFrame(rows, ItemFeatures.SCHEMA).write().parquet(path);
        return path;
    }

    @Test
    void embeddingServedAsTheBatchThroughTheDenseScorer() {
        ContentModel m = fit("embedding", Map.of("embeddings_path", embeddings()));
        ServingModel served = animerec.testing.Served.saveAndServe(ModelCatalog.get(m.family()), m);
        assertTrue(DenseVectors.isDense(m.itemVectors()), "embeddings take the dense blocked scorer");
        assertServedAsBatch(m, served, List.of(900001L, 900003L, 900004L, 900005L));
        assertLikedAsBatch(m, served, LIKED);
    }
}
