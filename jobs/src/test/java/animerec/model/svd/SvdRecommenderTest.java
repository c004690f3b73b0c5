package animerec.model.svd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.data.Columns;
import animerec.eval.ModelEvaluation;
import animerec.catalog.ModelCatalog;
import animerec.model.ParamMap;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import animerec.split.SplitStrategy;
import animerec.split.Splitter;
import animerec.testing.SparkTestSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SvdRecommenderTest {
    private static SparkSession spark;
    private static Splitter.Split split;
    private static double testStd;
    private static final Recommender SVD = ModelCatalog.get("svd");

    @TempDir
    Path tmp;

    /** 400 users × 250 items, rank-3 ratings 3 + u·v + N(0, 0.1²), 15% observed; a seeded 75/25 split. */
    @BeforeAll
    static void lowRankData() {
        spark = SparkTestSupport.spark();
        Random rnd = new Random(3);
        int rank = 3;
        double[][] u = new double[400][rank];
        double[][] v = new double[250][rank];
        for (double[] x : u) {
            for (int f = 0; f < rank; f++) {
                x[f] = rnd.nextGaussian() * 0.8;
            }
        }
        for (double[] x : v) {
            for (int f = 0; f < rank; f++) {
                x[f] = rnd.nextGaussian() * 0.8;
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int a = 0; a < u.length; a++) {
            for (int j = 0; j < v.length; j++) {
                if (rnd.nextDouble() < 0.15) {
                    double r = 3;
                    for (int f = 0; f < rank; f++) {
                        r += u[a][f] * v[j][f];
                    }
                    rows.add(RowFactory.create((long) a + 1, (long) j + 1, r + 0.1 * rnd.nextGaussian(), null));
                }
            }
        }
        Dataset<Row> all = spark.createDataFrame(rows, Columns.INTERACTIONS);
        split = Splitter.split(all, SplitStrategy.RANDOM, 0.25, 1);
        split = new Splitter.Split(split.train().cache(), split.test().cache());
        testStd = split.test().agg(org.apache.spark.sql.functions.stddev_pop(Columns.RATING)).first().getDouble(0);
    }

    private static ParamMap params(Map<String, String> overrides) {
        Map<String, String> p = new java.util.HashMap<>(Map.of("n_factors", "3", "n_epochs", "60", "lr_all", "0.02",
                "reg_all", "0.01", "strata", "2"));
        p.putAll(overrides);
        return SVD.params(p);
    }

    private static double rmse(RecommenderModel m) {
        return ModelEvaluation.ratingErrors((animerec.model.RatingPredictor) m, split.test()).get("rmse");
    }

    private static List<Row> sorted(Dataset<Row> factors) {
        return factors.orderBy("id").collectAsList();
    }

    @Test
    void recoversALowRankMatrix() {
        RecommenderModel m = SVD.fit(TrainingData.of(split.train()), params(Map.of()), 7);
        double rmse = rmse(m);
        assertTrue(rmse < 0.25, "test RMSE " + rmse + " (std of test ratings " + testStd + ")");
        assertTrue(testStd > 1.0, "the data is not trivial: std " + testStd);
    }

    @Test
    void sameSeedAndStrataGiveBitIdenticalFactors() {
        for (String strata : List.of("2", "3")) {
            SvdModel a = (SvdModel) SVD.fit(TrainingData.of(split.train()), params(Map.of("strata", strata, "n_epochs", "5")), 11);
            SvdModel b = (SvdModel) SVD.fit(TrainingData.of(split.train().repartition(5)), params(Map.of("strata", strata, "n_epochs", "5")), 11);
            assertEquals(sorted(a.userFactors()), sorted(b.userFactors()), "strata " + strata);
            assertEquals(sorted(a.itemFactors()), sorted(b.itemFactors()), "strata " + strata);
            assertEquals(rmse(a), rmse(b), 0.0);
        }
        SvdModel c = (SvdModel) SVD.fit(TrainingData.of(split.train()), params(Map.of("n_epochs", "5")), 12);
        SvdModel d = (SvdModel) SVD.fit(TrainingData.of(split.train()), params(Map.of("n_epochs", "5")), 11);
        assertNotEquals(sorted(c.userFactors()), sorted(d.userFactors()));
    }

    @Test
    void saveLoadRoundTripGivesIdenticalOutput() {
        RecommenderModel m = SVD.fit(TrainingData.of(split.train()), params(Map.of("n_epochs", "5")), 3);
        String path = tmp.resolve("svd").toString();
        m.save(path);
        RecommenderModel loaded = SVD.load(spark, path, m.params());
        Dataset<Row> pairs = split.test().select(Columns.USER, Columns.ITEM);
        assertEquals(((animerec.model.RatingPredictor) m).predict(pairs).orderBy(Columns.USER, Columns.ITEM).collectAsList(),
                ((animerec.model.RatingPredictor) loaded).predict(pairs).orderBy(Columns.USER, Columns.ITEM).collectAsList());
        Dataset<Row> users = split.test().select(Columns.USER).distinct();
        Dataset<Row> seen = split.train().select(Columns.USER, Columns.ITEM);
        List<Row> a = m.recommend(users, seen, 5).orderBy(Columns.USER, Columns.RANK).collectAsList();
        assertEquals(a, loaded.recommend(users, seen, 5).orderBy(Columns.USER, Columns.RANK).collectAsList());
        assertFalse(a.isEmpty());
        // nothing seen is recommended
        Dataset<Row> recs = m.recommend(users, seen, 5);
        assertEquals(0, recs.select(Columns.USER, Columns.ITEM).intersect(seen).count());
    }

    @Test
    void unknownUsersAndItemsFallBackToBiasesAndAreFlagged() {
        SvdModel m = (SvdModel) SVD.fit(TrainingData.of(split.train()), params(Map.of("n_epochs", "5")), 3);
        StructType schema = new StructType().add(Columns.USER, DataTypes.LongType).add(Columns.ITEM, DataTypes.LongType);
        List<Row> out = m.predict(spark.createDataFrame(List.of(RowFactory.create(99_999L, 99_999L),
                RowFactory.create(1L, 99_999L), RowFactory.create(1L, 2L)), schema)).orderBy(Columns.ITEM).collectAsList();
        Row known = out.get(0);
        assertEquals(2L, known.getLong(1));
        assertFalse(known.getBoolean(3));
        for (Row r : out.subList(1, 3)) {
            assertTrue(r.getBoolean(3), r.toString());
        }
        Row unknownBoth = out.stream().filter(r -> r.getLong(0) == 99_999L).findFirst().orElseThrow();
        assertEquals(m.globalMean(), unknownBoth.getDouble(2), 1e-6);
        Row user1 = m.userFactors().filter("id = 1").first();
        Row unknownItem = out.stream().filter(r -> r.getLong(0) == 1L && r.getLong(1) == 99_999L).findFirst().orElseThrow();
        assertEquals(m.globalMean() + user1.getFloat(1), unknownItem.getDouble(2), 1e-5);
    }
}
