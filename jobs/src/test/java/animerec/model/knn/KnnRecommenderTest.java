package animerec.model.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.data.Columns;
import animerec.catalog.ModelCatalog;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import animerec.testing.SparkTestSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distributed knn models give Surprise's predictions exactly (to 1e-9), checked against a transcription. */
class KnnRecommenderTest {
    @TempDir
    Path tmp;

    static List<SurpriseReference.Rating> randomRatings(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<SurpriseReference.Rating> out = new ArrayList<>();
        for (long u = 1; u <= 50; u++) {
            for (long i = 1; i <= 30; i++) {
                if (rnd.nextDouble() < 0.3) {
                    out.add(new SurpriseReference.Rating(u, 100 + i, 1 + rnd.nextInt(5)));
                }
            }
        }
        return out;
    }

    static Dataset<Row> toDataset(List<SurpriseReference.Rating> ratings) {
        SparkSession spark = SparkTestSupport.spark();
        List<Row> rows = new ArrayList<>();
        long t = 0;
        for (SurpriseReference.Rating r : ratings) {
            rows.add(RowFactory.create(r.user(), r.item(), r.value(), t++));
        }
        return spark.createDataFrame(rows, Columns.INTERACTIONS).repartition(3);
    }

    /** Every unrated (user, item) pair, plus an unknown user and an unknown item. */
    static Dataset<Row> queries(List<SurpriseReference.Rating> ratings) {
        Set<String> rated = new HashSet<>();
        for (SurpriseReference.Rating r : ratings) {
            rated.add(r.user() + "/" + r.item());
        }
        List<Row> rows = new ArrayList<>();
        for (long u = 1; u <= 50; u++) {
            for (long i = 101; i <= 130; i++) {
                if (!rated.contains(u + "/" + i)) {
                    rows.add(RowFactory.create(u, i));
                }
            }
        }
        rows.add(RowFactory.create(999L, 101L));
        rows.add(RowFactory.create(1L, 999L));
        return SparkTestSupport.spark().createDataFrame(rows, new org.apache.spark.sql.types.StructType()
                .add(Columns.USER, org.apache.spark.sql.types.DataTypes.LongType)
                .add(Columns.ITEM, org.apache.spark.sql.types.DataTypes.LongType));
    }

    private static void assertSameAsSurprise(String model, Map<String, String> params, List<SurpriseReference.Rating> ratings,
                                             SurpriseReference oracle) {
        Recommender r = ModelCatalog.get(model);
        RecommenderModel m = r.fit(TrainingData.of(toDataset(ratings)), r.params(params), 1);
        List<Row> predictions = ((animerec.model.RatingPredictor) m).predict(queries(ratings)).collectAsList();
        assertTrue(predictions.size() > 900);
        int impossible = 0;
        for (Row p : predictions) {
            double[] expected = oracle.predict(p.getLong(0), p.getLong(1));
            String where = model + " " + params + " (" + p.getLong(0) + ", " + p.getLong(1) + ")";
            assertEquals(expected[0], p.getDouble(2), 1e-9, where);
            assertEquals(expected[1] == 1, p.getBoolean(3), where);
            impossible += p.getBoolean(3) ? 1 : 0;
        }
        assertTrue(impossible >= 2, "the unknown user and item are flagged");
    }

    @Test

    @Tag("slow") // scripts/test-slow runs it (the default suite went over 15 minutes on 2 cores)
    void knnBasicMatchesSurpriseForEverySimilarityUserAndItemBased() {
        List<SurpriseReference.Rating> ratings = randomRatings(3);
        for (Similarity sim : Similarity.values()) {
            for (boolean userBased : new boolean[] {true, false}) {
                SurpriseReference oracle = new SurpriseReference(ratings, sim, userBased, false, 5, 2, 2, 100);
                assertSameAsSurprise("knn", Map.of("sim", sim.label(), "user_based", String.valueOf(userBased),
                        "k", "5", "min_k", "2", "min_support", "2"), ratings, oracle);
            }
        }
    }

    @Test
    void knnBaselineMatchesSurprise() {
        List<SurpriseReference.Rating> ratings = randomRatings(4);
        for (boolean userBased : new boolean[] {true, false}) {
            SurpriseReference oracle = new SurpriseReference(ratings, Similarity.PEARSON_BASELINE, userBased, true, 10, 1,
                    1, 100);
            assertSameAsSurprise("knn-baseline", Map.of("user_based", String.valueOf(userBased), "k", "10"), ratings, oracle);
        }
        SurpriseReference msd = new SurpriseReference(ratings, Similarity.MSD, true, true, 40, 1, 1, 100);
        assertSameAsSurprise("knn-baseline", Map.of("sim", "msd"), ratings, msd);
    }

    @Test
    void saveLoadAndRecommendations() {
        List<SurpriseReference.Rating> ratings = randomRatings(5);
        Dataset<Row> train = toDataset(ratings);
        for (String model : List.of("knn", "knn-baseline")) {
            Recommender r = ModelCatalog.get(model);
            RecommenderModel m = r.fit(TrainingData.of(train), r.params(Map.of()), 1);
            String path = tmp.resolve(model).toString();
            m.save(path);
            RecommenderModel loaded = r.load(SparkTestSupport.spark(), path, m.params());
            List<Row> a = ((animerec.model.RatingPredictor) m).predict(queries(ratings)).orderBy(Columns.USER, Columns.ITEM).collectAsList();
            List<Row> b = ((animerec.model.RatingPredictor) loaded).predict(queries(ratings)).orderBy(Columns.USER, Columns.ITEM).collectAsList();
            assertEquals(a, b, model);

            Dataset<Row> seen = train.select(Columns.USER, Columns.ITEM);
            List<Row> recs = m.recommend(seen.select(Columns.USER).distinct(), seen, 5)
                    .orderBy(Columns.USER, Columns.RANK).collectAsList();
            Map<Long, Set<Long>> seenBy = new HashMap<>();
            ratings.forEach(x -> seenBy.computeIfAbsent(x.user(), z -> new HashSet<>()).add(x.item()));
            assertFalse(recs.isEmpty());
            for (Row rec : recs) {
                assertFalse(seenBy.get(rec.getLong(0)).contains(rec.getLong(1)), "seen items are excluded");
                assertTrue(rec.getInt(2) <= 5 && rec.getDouble(3) >= 1 && rec.getDouble(3) <= 5, rec.toString());
            }
            assertEquals(recs, loaded.recommend(seen.select(Columns.USER).distinct(), seen, 5)
                    .orderBy(Columns.USER, Columns.RANK).collectAsList(), model + " recommendations after load");
        }
    }
}
