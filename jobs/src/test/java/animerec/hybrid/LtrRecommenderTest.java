package animerec.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.data.Columns;
import animerec.catalog.ModelCatalog;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.FitCache;
import animerec.model.TrainingData;
import animerec.split.SplitStrategy;
import animerec.split.Splitter;
import animerec.testing.ClusteredInteractions;
import animerec.testing.SparkTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LtrRecommenderTest {
    private static SparkSession spark;
    /** The tests' own component fits, shared by the hybrids they fit. */
    private static final FitCache FITS = new FitCache();
    private static Splitter.Split split;
    private static Dataset<Row> items;
    private static LtrModel trees;

    @TempDir
    Path tmp;

    @BeforeAll
    static void data() {
        spark = SparkTestSupport.spark();
        Dataset<Row> all = ClusteredInteractions.interactions(spark, 200, 80, 4, 10, 3, 21);
        Splitter.Split s = Splitter.split(all, SplitStrategy.RANDOM, 0.25, 21);
        split = new Splitter.Split(s.train().cache(), s.test().cache());
        items = ClusteredInteractions.items(spark, 80, 4).cache();
        trees = fit("trees");
    }

    @AfterAll
    static void forget() {
        FITS.clear();
    }

    private static Map<String, String> params(String ranking) {
        return Map.of("components", "item-knn+popularity+genre", "candidates", "20", "trees", "8", "depth", "3",
                "ranking", ranking);
    }

    private static LtrModel fit(String ranking) {
        Recommender r = ModelCatalog.get("hybrid-ltr");
        return (LtrModel) r.fit(new TrainingData(split.train(), items), r.params(params(ranking)), 3);
    }

    @Test
    void featuresOfTwoComponentListsByHand() {
        // component 0 lists 10 (score 4), 20 (score 2); component 1 lists 30 (score 9), 10 (score 3)
        UserCandidates u = UserCandidates.of(1L, new long[] {10, 20, 30, 10}, new int[] {0, 0, 1, 1},
                new int[] {1, 2, 1, 2}, new double[] {4, 2, 9, 3}, 2, 4, BlendStrategy.Normalisation.MINMAX);
        u.activity = 9;
        u.itemCount = new long[] {49, 9, 0};
        double[][] f = new LtrFeatures(2, 100).of(u);
        double l = Math.log(10);
        // per component: 1/rank, min-max score, z-score; then listed-by, log1p(activity), log((count+1)/users)
        assertArrayEquals(new double[] {1, 1, 1, 0.5, 0, -1, 2, l, Math.log(0.5)}, f[0], 1e-6);
        assertArrayEquals(new double[] {0.5, 0, -1, 0, 0, 0, 1, l, Math.log(0.1)}, f[1], 1e-6);
        assertArrayEquals(new double[] {0, 0, 0, 1, 1, 1, 1, l, Math.log(0.01)}, f[2], 1e-6);
        assertEquals(9, LtrFeatures.names(List.of("a", "b")).size());
    }

    @Test
    void treesRankUnseenCandidatesAndBeatPopularityOnHeldOutValidationUsers() {
        LtrModel m = trees;
        JsonNode report = m.report();
        assertEquals("trees", report.path("ranking").asText());
        assertEquals(12, report.path("feature_importance").size());
        JsonNode v = report.path("validation");
        assertTrue(v.path("ndcg").asDouble() > v.path("component_ndcg").path("popularity").asDouble() + 0.05, v.toString());
        Dataset<Row> users = split.test().select(Columns.USER).distinct();
        Dataset<Row> seen = split.train().select(Columns.USER, Columns.ITEM);
        Set<String> train = new HashSet<>();
        for (Row r : seen.collectAsList()) {
            train.add(r.getLong(0) + " " + r.getLong(1));
        }
        Map<Long, Integer> perUser = new HashMap<>();
        for (Row r : m.recommend(users, seen, 10).collectAsList()) {
            assertTrue(!train.contains(r.getLong(0) + " " + r.getLong(1)), "seen item recommended: " + r);
            perUser.merge(r.getLong(0), 1, Integer::sum);
        }
        assertEquals(users.count(), perUser.size());
        perUser.values().forEach(n -> assertEquals(10, n));
    }

    @Test

    @Tag("slow") // scripts/test-slow runs it (the default suite went over 15 minutes on 2 cores)
    void saveAndLoadGiveIdenticalListsByTreesAndByBlend() {
        for (String ranking : List.of("trees", "blend")) {
            LtrModel m = ranking.equals("trees") ? trees : fit(ranking);
            String path = tmp.resolve(ranking).toString();
            m.save(path);
            Recommender r = ModelCatalog.get("hybrid-ltr");
            RecommenderModel loaded = r.load(spark, path, r.params(params(ranking)));
            Dataset<Row> users = split.test().select(Columns.USER).distinct();
            Dataset<Row> seen = split.train().select(Columns.USER, Columns.ITEM);
            assertEquals(m.recommend(users, seen, 10).orderBy(Columns.USER, Columns.RANK).collectAsList(),
                    loaded.recommend(users, seen, 10).orderBy(Columns.USER, Columns.RANK).collectAsList(), ranking);
            assertEquals(ranking, ((animerec.model.Reporting) loaded).report().path("ranking").asText());
        }
    }

    @Test
    void theSameSeedGivesTheSameRankerAndReport() {
        FITS.clear(); // refit the components too
        assertEquals(trees.report(), fit("trees").report());
    }
}
