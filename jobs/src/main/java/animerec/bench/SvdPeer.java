package animerec.bench;

import static org.apache.spark.sql.functions.col;

import animerec.app.SingleCsv;
import animerec.catalog.ModelCatalog;
import animerec.data.Columns;
import animerec.model.TrainingData;
import animerec.model.svd.SvdModel;
import animerec.model.svd.SvdRecommender;
import animerec.util.Json;
import animerec.util.Progress;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * svd (our DSGD) against LIBMF on the benchmark's ratings. Speed: seconds per epoch, ours the median of its own
 * epoch times after the first (in this JVM, after an untimed warm-up fit; Spark start-up and the rating shuffle
 * are before the first epoch), LIBMF's (t(T) − t(1)) / (T − 1) from {@code peer-bench mf} (file parsing cancels
 * out). Quality: both fit the same 90% of the ratings (a seeded hash of user and item) for the same number of
 * epochs, each at its own defaults, and report the RMSE on the other 10%.
 */
final class SvdPeer {
    private final Dataset<Row> data;
    private final long ratings;
    private final String tsv;
    private final String workDir;
    private final int pairs;
    private final long seed;
    private final PeerBench peers;
    private final SvdRecommender family = (SvdRecommender) ModelCatalog.get("svd");
    private boolean warm;

    SvdPeer(Dataset<Row> data, long ratings, String tsv, String workDir, int pairs, long seed, PeerBench peers) {
        this.data = data;
        this.ratings = ratings;
        this.tsv = tsv;
        this.workDir = workDir;
        this.pairs = pairs;
        this.seed = seed;
        this.peers = peers;
    }

    ObjectNode time(int k, int epochs) {
        warmUp();
        return PeersBenchmark.alternate("svd k=" + k, "epoch", pairs,
                "seconds per epoch, k=" + k + ", " + epochs + " epochs per fit, 2 threads",
                "svd (DSGD, " + data.sparkSession().sparkContext().defaultParallelism() + " strata)",
                "LIBMF mf-train (defaults, -s 2)",
                () -> {
                    SvdModel m = fit(data, k, epochs);
                    double[] times = m.epochSeconds();
                    release(m);
                    return PeersBenchmark.median(Arrays.copyOfRange(times, 1, times.length));
                },
                () -> peers.mf(tsv, k, epochs, 2).path("seconds_per_iter").asDouble(Double.NaN));
    }

    /** Test RMSE of both at each k after {@code epochs}, on the same 90/10 split of the data. */
    ObjectNode quality(int[] factors, int epochs) {
        Progress.Step split = Progress.step("svd quality: 90/10 split");
        Dataset<Row> flagged = data.withColumn("test", org.apache.spark.sql.functions.abs(
                org.apache.spark.sql.functions.xxhash64(col(Columns.USER), col(Columns.ITEM),
                        org.apache.spark.sql.functions.lit(seed))).mod(10).equalTo(0));
        Dataset<Row> train = flagged.filter("NOT test").drop("test").persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> test = flagged.filter("test").drop("test").persist(StorageLevel.MEMORY_AND_DISK());
        String trainFile = textFile(train, "svd-train");
        String testFile = textFile(test, "svd-test");
        split.done(String.format("%,d train, %,d test ratings", train.count(), test.count()));
        ObjectNode q = Json.object();
        q.put("what", "test RMSE after " + epochs + " epochs on the same 90% / 10% split; each at its defaults "
                + "(svd: lr_all 0.005, reg_all 0.02, biased; LIBMF: -r 0.1 -l2 0.1, no biases)");
        q.put("epochs", epochs);
        for (int k : factors) {
            Progress.Step step = Progress.step("svd quality k=" + k);
            SvdModel m = fit(train, k, epochs);
            Row r = m.predict(test).join(test, new String[] {Columns.USER, Columns.ITEM})
                    .selectExpr("sqrt(avg(pow(prediction - " + Columns.RATING + ", 2)))").first();
            double ours = r.getDouble(0);
            release(m);
            double libmf = peers.mfTestRmse(trainFile, testFile, k, epochs, 2);
            q.putObject("k" + k).put("ours_rmse", ours).put("peer_rmse", libmf).put("ratio", ours / libmf);
            step.done(String.format("RMSE ours %.4f, LIBMF %.4f (ratio %.3f)", ours, libmf, ours / libmf));
        }
        train.unpersist();
        test.unpersist();
        return q;
    }

    private void warmUp() {
        if (!warm) {
            Progress.Step w = Progress.step("svd warm-up");
            release(fit(data, 8, 2));
            w.done("not timed");
            warm = true;
        }
    }

    private SvdModel fit(Dataset<Row> ratings, int k, int epochs) {
        return family.fit(TrainingData.of(ratings), family.params(Map.of("n_factors", String.valueOf(k),
                "n_epochs", String.valueOf(epochs))), seed, null);
    }

    private static void release(SvdModel m) {
        m.userFactors().unpersist();
        m.itemFactors().unpersist();
    }

    /** {@code rows} as LIBMF reads them (headerless {@code user item rating}, space separated), written once. */
    private String textFile(Dataset<Row> rows, String name) {
        Path file = Path.of(workDir, String.format("%s-%d-seed%d.txt", name, ratings, seed)).toAbsolutePath();
        if (Files.isRegularFile(file)) {
            return file.toString();
        }
        SingleCsv.write(rows.select(Columns.USER, Columns.ITEM, Columns.RATING).coalesce(1), file.toString(), " ", false);
        return file.toString();
    }
}
