package animerec.bench;

import static org.apache.spark.sql.functions.col;

import animerec.catalog.ModelCatalog;
import animerec.data.Columns;
import animerec.eval.ModelEvaluation;
import animerec.eval.RankingEvaluator;
import animerec.eval.Relevance;
import animerec.eval.UserSet;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import animerec.model.Recommender;
import animerec.util.Json;
import animerec.util.Progress;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Quality at the same settings on the fixed MovieLens 100K split, one evaluator for both sides: NDCG@10 with every
 * test rating relevant, candidates = items seen in train minus the user's own. Ours is fitted and ranked here; the
 * peer's top-10 file ({@code peer-bench rank}) is read and held to the same candidate rule.
 */
final class PeerQuality {
    private final SparkSession spark;
    private final PeerBench peers;
    private final String trainTsv;
    private final String testTsv;
    private final Path work;
    private final long seed;
    private final Dataset<Row> train;
    private final Dataset<Row> test;

    PeerQuality(SparkSession spark, PeerBench peers, String splitDir, Path work, long seed) {
        this.spark = spark;
        this.peers = peers;
        this.trainTsv = Path.of(splitDir, "train.tsv").toAbsolutePath().toString();
        this.testTsv = Path.of(splitDir, "test.tsv").toAbsolutePath().toString();
        this.work = work;
        this.seed = seed;
        this.train = read(trainTsv).cache();
        this.test = read(testTsv).cache();
    }

    static boolean available(String splitDir) {
        return Files.isRegularFile(Path.of(splitDir, "train.tsv")) && Files.isRegularFile(Path.of(splitDir, "test.tsv"));
    }

    /** Ours ({@code family} with {@code ours}) against the peer's {@code model} with {@code theirs}. */
    ObjectNode compare(String family, Map<String, String> ours, String model, List<String> theirs) {
        Progress.Step step = Progress.step("ml-100k-split NDCG@10: " + family + " against " + model);
        Recommender f = ModelCatalog.get(family);
        RecommenderModel m = f.fit(TrainingData.of(train), f.params(ours), seed);
        double oursNdcg = ModelEvaluation.run(m, train, test, new ModelEvaluation.Settings(new int[] {10},
                Relevance.allHeldOut(), UserSet.TRUTH)).metrics().get("ndcg@10");
        PeerBench.Run run = peers.rank(model, theirs, trainTsv, testTsv, work.resolve(model + "-ml100k.csv"));
        Dataset<Row> recs = run.candidates(spark, train);
        long catalog = train.select(Columns.ITEM).distinct().count();
        double peerNdcg = new RankingEvaluator(new int[] {10}, UserSet.TRUTH)
                .evaluate(recs, Relevance.allHeldOut().relevant(test).select(Columns.USER, Columns.ITEM), catalog)
                .get("ndcg@10");
        recs.unpersist();
        ObjectNode r = Json.object();
        r.put("ours", family + " " + new java.util.TreeMap<>(ours)).put("peer", model + " " + String.join(" ", theirs));
        r.put("ours_ndcg@10", oursNdcg).put("peer_ndcg@10", peerNdcg).put("difference", oursNdcg - peerNdcg);
        step.done(String.format("ours %.4f, peer %.4f", oursNdcg, peerNdcg));
        return r;
    }

    private Dataset<Row> read(String file) {
        return spark.read().option("sep", "\t").option("header", "true").csv(file)
                .select(col("user_id").cast("long").as(Columns.USER), col("item_id").cast("long").as(Columns.ITEM),
                        col("rating").cast("double").as(Columns.RATING));
    }
}
