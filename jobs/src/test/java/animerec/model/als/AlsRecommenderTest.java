package animerec.model.als;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.data.Columns;
import animerec.data.generate.LowRankRatings;
import animerec.eval.ModelEvaluation;
import animerec.eval.Relevance;
import animerec.eval.UserSet;
import animerec.catalog.ModelCatalog;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import animerec.split.SplitStrategy;
import animerec.split.Splitter;
import animerec.testing.ClusteredInteractions;
import animerec.testing.SparkTestSupport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.io.TempDir;

class AlsRecommenderTest {

    @TempDir
    Path tmp;

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"als", "als-mllib"})
    void implicitAlsLearnsClustersAndRoundTripsThroughItsSavedTables(String family) {
        Recommender ALS = ModelCatalog.get(family);
        SparkSession spark = SparkTestSupport.spark();
        Dataset<Row> all = ClusteredInteractions.interactions(spark, 240, 120, 4, 12, 3, 11);
        Splitter.Split split = Splitter.split(all, SplitStrategy.RANDOM, 0.25, 11);
        Map<String, String> params = Map.of("rank", "8", "max_iter", "10");
        RecommenderModel m = ALS.fit(TrainingData.of(split.train()), ALS.params(params), 3);
        ModelEvaluation.Settings settings = new ModelEvaluation.Settings(new int[] {10}, Relevance.allHeldOut(), UserSet.TRUTH);
        double als = ModelEvaluation.run(m, split.train(), split.test(), settings).metrics().get("ndcg@10");
        RecommenderModel pop = ModelCatalog.get("popularity").fit(TrainingData.of(split.train()),
                ModelCatalog.get("popularity").params(Map.of()), 3);
        double popularity = ModelEvaluation.run(pop, split.train(), split.test(), settings).metrics().get("ndcg@10");
        assertTrue(als > popularity + 0.15, "als " + als + " vs popularity " + popularity);
        assertFalse(((animerec.model.RatingPredictor) m).predictsRatings(), "implicit ALS ranks, it does not predict ratings");

        String path = tmp.resolve("als-model").toString();
        m.save(path);
        assertTrue(new java.io.File(path, "als/userFactors").isDirectory(), "saved in the layout of MLlib's ALSModel writer");
        RecommenderModel loaded = ALS.load(spark, path, ALS.params(params));
        Dataset<Row> users = split.test().select(Columns.USER).distinct();
        Dataset<Row> seen = split.train().select(Columns.USER, Columns.ITEM);
        List<Row> before = m.recommend(users, seen, 10).orderBy(Columns.USER, Columns.RANK).collectAsList();
        List<Row> after = loaded.recommend(users, seen, 10).orderBy(Columns.USER, Columns.RANK).collectAsList();
        assertEquals(users.count() * 10, before.size());
        assertEquals(before, after);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"als", "als-mllib"})
    void explicitAlsPredictsLowRankRatings(String family) {
        Recommender ALS = ModelCatalog.get(family);
        SparkSession spark = SparkTestSupport.spark();
        Dataset<Row> data = LowRankRatings.generate(spark, 400, 200, 12_000, 4, 0.3, 13, 2)
                .withColumn(Columns.TIMESTAMP, org.apache.spark.sql.functions.lit(null).cast("long"));
        Splitter.Split split = Splitter.split(data, SplitStrategy.RANDOM, 0.2, 13);
        RecommenderModel m = ALS.fit(TrainingData.of(split.train()),
                ALS.params(Map.of("implicit_prefs", "false", "rank", "4", "max_iter", "15", "reg_param", "0.05")), 3);
        assertTrue(((animerec.model.RatingPredictor) m).predictsRatings());
        double rmse = ModelEvaluation.ratingErrors((animerec.model.RatingPredictor) m, split.test()).get("rmse");
        double std = split.test().agg(org.apache.spark.sql.functions.stddev_pop(Columns.RATING)).first().getDouble(0);
        assertTrue(rmse < 0.7 * std, "rmse " + rmse + " vs std " + std);
        // a user unseen in training: the mean training rating, flagged impossible (not an MLlib null-id error)
        Dataset<Row> unseen = spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create(999_999L, 1L)),
                new org.apache.spark.sql.types.StructType().add(Columns.USER, org.apache.spark.sql.types.DataTypes.LongType)
                        .add(Columns.ITEM, org.apache.spark.sql.types.DataTypes.LongType));
        Row p = ((animerec.model.RatingPredictor) m).predict(unseen).first();
        double mean = split.train().agg(org.apache.spark.sql.functions.avg(Columns.RATING)).first().getDouble(0);
        assertTrue(p.getBoolean(3), p.toString());
        assertEquals(mean, p.getDouble(2), 1e-9);
    }
}
