package animerec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import animerec.data.Columns;
import animerec.testing.SparkTestSupport;
import animerec.util.FileAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.evaluation.RankingMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/**
 * Property test: our distributed evaluator (lib-metrics inside partitions) agrees with Spark's
 * {@link RankingMetrics} on 1,200 random users for every k in 1..20, to 1e-9. Spark averages over every
 * user row, including users without relevant items, which is our {@code union} user set. The same lists written to
 * CSV files and scored by `metrics`' plain-Java evaluator ({@link LocalRankingEvaluator}) give the distributed
 * evaluator's values, every key, to 1e-12 (no further Spark job).
 */
class SparkRankingMetricsParityTest {
    private static final int USERS = 1_200;
    private static SparkSession spark;
    private static Dataset<Row> recs;
    private static Dataset<Row> truth;
    private static RankingMetrics<Long> sparkMetrics;
    private static String recsFile;
    private static String truthFile;

    @BeforeAll
    static void data() {
        spark = SparkTestSupport.spark();
        Random rnd = new Random(20261126L);
        List<Row> recRows = new ArrayList<>();
        List<Row> truthRows = new ArrayList<>();
        List<Tuple2<List<Long>, List<Long>>> pairs = new ArrayList<>();
        for (long u = 1; u <= USERS; u++) {
            int listLen = 1 + rnd.nextInt(25); // every user has a list (Spark's rows), some have no truth
            Set<Long> ranked = new LinkedHashSet<>();
            while (ranked.size() < listLen) {
                ranked.add((long) rnd.nextInt(120));
            }
            int truthLen = rnd.nextInt(5) == 0 ? 0 : 1 + rnd.nextInt(15);
            Set<Long> relevant = new LinkedHashSet<>();
            while (relevant.size() < truthLen) {
                relevant.add((long) rnd.nextInt(120));
            }
            int rank = 1;
            for (long item : ranked) {
                recRows.add(RowFactory.create(u, item, rank++, 0.0));
            }
            for (long item : relevant) {
                truthRows.add(RowFactory.create(u, item));
            }
            pairs.add(new Tuple2<>(new ArrayList<>(ranked), new ArrayList<>(relevant)));
        }
        recs = spark.createDataFrame(recRows, animerec.model.Recommendations.SCHEMA);
        truth = spark.createDataFrame(truthRows, new StructType()
                .add(Columns.USER, DataTypes.LongType).add(Columns.ITEM, DataTypes.LongType));
        recsFile = csv("recs.csv", "user_id,item_id,rank,score", recRows);
        truthFile = csv("truth.csv", "user_id,anime_id", truthRows);
        JavaRDD<Tuple2<List<Long>, List<Long>>> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(pairs, 4);
        sparkMetrics = RankingMetrics.of(rdd);
    }

    private static String csv(String name, String header, List<Row> rows) {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (Row r : rows) {
            sb.append(r.mkString(",")).append('\n');
        }
        try {
            Path dir = Files.createTempDirectory("animerec-parity");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve(name);
            Files.writeString(file, sb);
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plain-Java evaluation of the same lists, read back from the CSV files. */
    private static LinkedHashMap<String, Double> fromFiles(int[] ks, UserSet users) {
        FileAccess local = new FileAccess(Path::of, () -> {
            throw new AssertionError("local files only");
        });
        return new LocalRankingEvaluator(ks, users).evaluate(RankingFiles.readRecommendations(local, recsFile, "--recs"),
                RankingFiles.readTruth(local, truthFile, "--truth"), 0);
    }

    private static void assertSameMetrics(LinkedHashMap<String, Double> spark, LinkedHashMap<String, Double> plain) {
        assertEquals(List.copyOf(spark.keySet()), List.copyOf(plain.keySet()));
        spark.forEach((key, v) -> assertEquals(v, plain.get(key), 1e-12, key));
    }

    @Test
    void everyKFrom1To20MatchesSpark() {
        int[] ks = new int[20];
        for (int i = 0; i < 20; i++) {
            ks[i] = i + 1;
        }
        LinkedHashMap<String, Double> ours = new RankingEvaluator(ks, UserSet.UNION).evaluate(recs, truth, 0);
        assertEquals(USERS, ours.get("users"), 0.0);
        for (int k : ks) {
            assertEquals(sparkMetrics.precisionAt(k), ours.get("precision@" + k), 1e-9, "precision@" + k);
            assertEquals(sparkMetrics.recallAt(k), ours.get("recall@" + k), 1e-9, "recall@" + k);
            assertEquals(sparkMetrics.ndcgAt(k), ours.get("ndcg@" + k), 1e-9, "ndcg@" + k);
            assertEquals(sparkMetrics.meanAveragePrecisionAt(k), ours.get("map@" + k), 1e-9, "map@" + k);
        }
        assertSameMetrics(ours, fromFiles(ks, UserSet.UNION));
    }

    @Test
    void truthUserSetAveragesOnlyOverUsersWithRelevantItems() {
        LinkedHashMap<String, Double> union = new RankingEvaluator(new int[] {10}, UserSet.UNION).evaluate(recs, truth, 0);
        LinkedHashMap<String, Double> onlyTruth = new RankingEvaluator(new int[] {10}, UserSet.TRUTH).evaluate(recs, truth, 0);
        long withTruth = truth.select(Columns.USER).distinct().count();
        assertEquals(withTruth, onlyTruth.get("users"), 0.0);
        // the same sums over fewer users
        assertEquals(union.get("ndcg@10") * USERS / withTruth, onlyTruth.get("ndcg@10"), 1e-9);
        assertSameMetrics(onlyTruth, fromFiles(new int[] {10}, UserSet.TRUTH));
    }
}
