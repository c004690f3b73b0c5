package animerec.model.warp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.data.Columns;
import animerec.eval.CandidateRanking;
import animerec.eval.ModelEvaluation;
import animerec.eval.RankingEvaluator;
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
import animerec.util.UserError;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarpRecommenderTest {
    private static final int USERS = 240;
    private static final int ITEMS = 120;
    private static final int CLUSTERS = 4;
    private static SparkSession spark;
    private static Splitter.Split split;
    private static final Map<String, String> SMALL = Map.of("no_components", "16", "epochs", "15");

    @TempDir
    Path tmp;

    @BeforeAll
    static void data() {
        spark = SparkTestSupport.spark();
        Dataset<Row> all = ClusteredInteractions.interactions(spark, USERS, ITEMS, CLUSTERS, 12, 3, 5);
        split = Splitter.split(all, SplitStrategy.RANDOM, 0.25, 5);
        split = new Splitter.Split(split.train().cache(), split.test().cache());
    }

    private static double ndcg(RecommenderModel m) {
        ModelEvaluation.Settings settings = new ModelEvaluation.Settings(new int[] {10}, Relevance.allHeldOut(), UserSet.TRUTH);
        return ModelEvaluation.run(m, split.train(), split.test(), settings).metrics().get("ndcg@10");
    }

    private static RecommenderModel fit(String name, Map<String, String> params, long seed) {
        Recommender r = ModelCatalog.get(name);
        return r.fit(TrainingData.of(split.train()), r.params(params), seed);
    }

    @Test
    void warpAndBprLearnWhatPopularityCannot() {
        double popularity = ndcg(fit("popularity", Map.of(), 1));
        double warp = ndcg(fit("warp", SMALL, 1));
        double bpr = ndcg(fit("bpr", SMALL, 1));
        // 12 of a user's 15 items come from a quarter of the catalogue: a model that finds the clusters ranks
        // held-out items far above chance; popularity, with every item about equally popular, cannot
        assertTrue(popularity < 0.2, "popularity " + popularity);
        assertTrue(warp > popularity + 0.15, "warp " + warp + " vs popularity " + popularity);
        assertTrue(bpr > popularity + 0.05, "bpr " + bpr + " vs popularity " + popularity);
    }

    @Test
    void theSameSeedGivesTheSameModelAndAnotherSeedDoesNot() {
        WarpModel a = (WarpModel) fit("warp", SMALL, 7);
        WarpModel b = (WarpModel) fit("warp", SMALL, 7);
        WarpModel c = (WarpModel) fit("warp", SMALL, 8);
        assertEquals(vectors(a), vectors(b));
        assertNotEquals(vectors(a), vectors(c));
        UserError e = assertThrows(UserError.class, () -> fit("warp", Map.of("learning_schedule", "adadelta", "mixing", "sum"), 7));
        assertTrue(e.getMessage().contains("mixing=average"), e.getMessage());
        WarpModel x = (WarpModel) fit("bpr", SMALL, 7);
        WarpModel y = (WarpModel) fit("bpr", SMALL, 7);
        assertEquals(vectors(x), vectors(y));
    }

    private static List<Row> vectors(WarpModel m) {
        List<Row> out = new java.util.ArrayList<>(m.userVectors().orderBy(Columns.USER).collectAsList());
        out.addAll(m.itemVectors().orderBy(Columns.ITEM).collectAsList());
        return out;
    }

    @Test
    void partitionsAndRoundsChangeTheScheduleNotTheQuality() {
        double one = ndcg(fit("warp", Map.of("no_components", "16", "epochs", "15", "partitions", "1"), 3));
        double three = ndcg(fit("warp", Map.of("no_components", "16", "epochs", "15", "partitions", "3",
                "rounds_per_epoch", "2", "learning_schedule", "adadelta"), 3));
        assertTrue(one > 0.25, "one partition " + one);
        assertTrue(three > 0.25, "three partitions, adadelta " + three);
    }

    @Test

    @Tag("slow") // scripts/test-slow runs it (the default suite went over 15 minutes on 2 cores)
    void saveAndLoadGiveIdenticalRecommendations() {
        Recommender r = ModelCatalog.get("warp");
        RecommenderModel m = fit("warp", SMALL, 2);
        String path = tmp.resolve("warp-model").toString();
        m.save(path);
        RecommenderModel loaded = r.load(spark, path, r.params(SMALL));
        Dataset<Row> users = split.test().select(Columns.USER).distinct();
        Dataset<Row> seen = split.train().select(Columns.USER, Columns.ITEM);
        List<Row> before = m.recommend(users, seen, 10).orderBy(Columns.USER, Columns.RANK).collectAsList();
        List<Row> after = loaded.recommend(users, seen, 10).orderBy(Columns.USER, Columns.RANK).collectAsList();
        assertEquals(before.size(), users.count() * 10);
        assertEquals(before, after);
    }

    @Test
    void genreFeaturesRankItemsNobodyHasSeen() {
        Dataset<Row> all = ClusteredInteractions.interactions(spark, USERS, ITEMS, CLUSTERS, 12, 3, 9);
        Splitter.Split cold = Splitter.split(all, SplitStrategy.COLD_ITEMS, 0.2, 9);
        Dataset<Row> items = ClusteredInteractions.items(spark, ITEMS, CLUSTERS);
        Dataset<Row> candidates = cold.test().select(Columns.ITEM).distinct();
        Dataset<Row> users = cold.test().select(Columns.USER).distinct();
        long coldCount = candidates.count();
        assertEquals(Math.round(ITEMS * 0.2), coldCount);
        assertEquals(0, cold.train().join(candidates, new String[] {Columns.ITEM}, "left_semi").count(), "cold items stay out of train");

        RankingEvaluator eval = new RankingEvaluator(new int[] {10}, UserSet.TRUTH);
        Dataset<Row> relevant = cold.test().select(Columns.USER, Columns.ITEM);
        Recommender warp = ModelCatalog.get("warp");
        java.util.HashMap<String, String> p = new java.util.HashMap<>(SMALL);
        p.put("item_features", "genres");
        RecommenderModel withGenres = warp.fit(new TrainingData(cold.train(), items), warp.params(p), 4);
        double genres = eval.evaluate(((animerec.model.CandidateRanker) withGenres).recommendAmong(users, candidates, cold.train(), 10), relevant, coldCount).get("ndcg@10");
        double random = eval.evaluate(CandidateRanking.random(users, candidates, cold.train(), 10, 4), relevant, coldCount).get("ndcg@10");
        assertTrue(genres > random + 0.2, "genres " + genres + " vs random " + random);

        RecommenderModel identity = warp.fit(new TrainingData(cold.train(), items), warp.params(SMALL), 4);
        assertEquals(0, ((animerec.model.CandidateRanker) identity).recommendAmong(users, candidates, cold.train(), 10).count(),
                "identity features alone know nothing of unseen items");
        UserError e = assertThrows(UserError.class, () -> warp.fit(TrainingData.of(cold.train()), warp.params(p), 4));
        assertTrue(e.getMessage().contains("items table"), e.getMessage());
    }
}
