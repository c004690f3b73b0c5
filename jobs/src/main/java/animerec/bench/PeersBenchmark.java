package animerec.bench;

import animerec.data.Columns;
import animerec.data.generate.LowRankRatings;
import animerec.model.als.BlockedAls;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import animerec.util.Progress;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Ours against the single-machine peers on one synthetic data set (seeded rank-20 ratings, written once as the
 * peers' TSV), each family timed in alternating pairs, ours then the peer, so that both see the same load: the
 * median of each side and the median of the per-pair ratios (ours / peer).
 *
 * <p>What is timed, the same way on both sides: the median wall time of one training iteration, with data loading,
 * set-up and (for us) Spark start-up left out. Ours: {@link BlockedAls}'s own per-iteration times, in this JVM
 * after an untimed warm-up fit, leaving out the first iteration (it builds the rating blocks of the second
 * side); the peer: implicit's per-iteration times from its fit callback ({@code peer-bench als}). Families so far:
 * {@code als} (ours, conjugate gradient) against implicit 0.7.3 at each rank; {@code svd} (ours, DSGD) against LIBMF
 * at each k ({@link SvdPeer}); {@code warp} against LightFM ({@link WarpPeer}); {@code topk}, the top-10 of every
 * user, against implicit's batched recommend at each als rank ({@link TopKPeer}).
 */
public record PeersBenchmark(int users, int items, long ratings, int pairs, Families families, String peersDir,
                             String workDir, String out) {
    /**
     * What to time. als: ranks and iterations per fit; svd: factor counts, epochs per timed fit, and epochs of the
     * quality fits (both sides, on 90% of the data, RMSE on the other 10%).
     */
    public record Families(List<String> names, int[] alsRanks, int alsIterations, int[] svdFactors, int svdEpochs,
                           int qualityEpochs, int warpEpochs, String ml100kSplit) {
        public static final List<String> ALL = List.of("svd", "als", "warp", "topk");
    }

    public void run(SparkSession spark, long seed) {
        if (!Files.isExecutable(Path.of(peersDir, "bin", "peer-bench"))) {
            System.out.println("bench-peers: skipped: no peers at " + peersDir + " (bin/peer-bench); they are ../shared/peers");
            return;
        }
        PeerBench peers = new PeerBench(peersDir);
        ObjectNode result = Json.object();
        ObjectNode machine = result.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("spark_parallelism", spark.sparkContext().defaultParallelism());
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("vector_api", animerec.model.factor.FloatOps.VECTOR);
        machine.put("load_at_start", load());
        int partitions = Math.max(2, spark.sparkContext().defaultParallelism());

        Progress.Step gen = Progress.step("data");
        Dataset<Row> data = LowRankRatings.generate(spark, users, items, ratings, 20, 0.3, seed, partitions)
                .persist(StorageLevel.MEMORY_AND_DISK());
        long n = data.count();
        String tsv = peerFile(data, seed);
        gen.done(String.format("%,d ratings, %,d users x %,d items; the peers read %s", n, users, items, tsv));
        ObjectNode size = result.putObject("data");
        size.put("users", users).put("items", items).put("ratings", n).put("seed", seed).put("tsv", tsv);

        ObjectNode timed = result.putObject("families");
        if (families.names().contains("svd")) {
            SvdPeer svd = new SvdPeer(data, n, tsv, workDir, pairs, seed, peers);
            for (int k : families.svdFactors()) {
                timed.set("svd_k" + k, svd.time(k, families.svdEpochs()));
            }
            result.set("svd_quality", svd.quality(families.svdFactors(), families.qualityEpochs()));
        }
        if (families.names().contains("als")) {
            for (int rank : families.alsRanks()) {
                timed.set("als_rank" + rank, als(data, tsv, rank, seed, peers));
            }
        }
        if (families.names().contains("warp")) {
            timed.set("warp_64", WarpPeer.time(data, tsv, families.warpEpochs(), pairs, seed, peers));
        }
        if (families.names().contains("topk")) {
            for (int rank : families.alsRanks()) {
                timed.set("topk_rank" + rank, TopKPeer.time(data, tsv, rank, pairs, seed, peers));
            }
        }
        data.unpersist();
        quality(spark, peers, seed, result);
        machine.put("load_at_end", load());
        HadoopFiles.writeStringAtomically(spark.sparkContext().hadoopConfiguration(), out, Json.write(result));
        System.out.println("wrote " + out);
    }

    /** ml-100k-split NDCG@10 at the same settings: als against implicit, warp against LightFM (the peers' defaults). */
    private void quality(SparkSession spark, PeerBench peers, long seed, ObjectNode result) {
        if (!PeerQuality.available(families.ml100kSplit())) {
            System.out.println("ml-100k quality: skipped: no train.tsv and test.tsv in " + families.ml100kSplit());
            return;
        }
        PeerQuality q = new PeerQuality(spark, peers, families.ml100kSplit(), Path.of(workDir), seed);
        ObjectNode out = result.putObject("quality_ml100k");
        out.put("what", "ml-100k-split NDCG@10 (every test rating relevant; candidates: train items minus the user's "
                + "own), one evaluator; both sides at the same nominal settings");
        if (families.names().contains("als")) {
            // implicit: confidence = alpha * rating; ours (MLlib's objective): 1 + alpha * rating, and λ·n
            out.set("als", q.compare("als", Map.of("rank", "64", "reg_param", "0.01", "max_iter", "15", "alpha", "1.0",
                    "implicit_prefs", "true"), "als", List.of("factors=64", "reg=0.01", "iters=15", "alpha=1.0", "matrix=rating")));
        }
        if (families.names().contains("warp")) {
            out.set("warp", q.compare("warp", Map.of("no_components", "64", "epochs", "30"), "warp",
                    List.of("components=64", "epochs=30")));
        }
    }

    private ObjectNode als(Dataset<Row> data, String tsv, int rank, long seed, PeerBench peers) {
        Dataset<Row> ratings = data.select(Columns.USER, Columns.ITEM, Columns.RATING);
        int blocks = Math.max(2, data.sparkSession().sparkContext().defaultParallelism());
        // implicit mode, confidence from the rating (the peer's --matrix rating), 3 CG steps (implicit's default)
        int iterations = families.alsIterations();
        BlockedAls.Settings s = new BlockedAls.Settings(rank, iterations, 0.01, true, 1.0, 3, blocks, blocks, 10);
        Progress.Step warm = Progress.step("als rank " + rank + " warm-up");
        release(BlockedAls.train(ratings, new BlockedAls.Settings(rank, 2, 0.01, true, 1.0, 3, blocks, blocks, 10), seed));
        warm.done("not timed");
        return alternate("als rank " + rank, "iteration", pairs,
                "seconds per iteration, implicit mode, " + iterations + " iterations, 3 CG steps, 2 threads",
                "als (BlockedAls, " + blocks + "x" + blocks + " blocks)", "implicit 0.7.3 (CPU, conjugate gradient)",
                () -> {
                    BlockedAls.Result r = BlockedAls.train(ratings, s, seed);
                    double t = median(Arrays.copyOfRange(r.iterationSeconds(), 1, r.iterationSeconds().length));
                    release(r);
                    return t;
                },
                () -> peers.als(tsv, rank, iterations, 2, "rating").path("median_seconds_per_iter").asDouble(Double.NaN));
    }

    /**
     * Times ours and the peer in {@code pairs} alternating pairs (ours first), each supplier returning its side's
     * seconds per {@code unit}: both medians, the per-pair ratios (ours / peer) and their median, the load.
     */
    static ObjectNode alternate(String label, String unit, int pairs, String what, String oursName, String peerName,
                                java.util.function.DoubleSupplier ours, java.util.function.DoubleSupplier peer) {
        double[] o = new double[pairs];
        double[] q = new double[pairs];
        double[] ratio = new double[pairs];
        ArrayNode runs = Json.MAPPER.createArrayNode();
        for (int p = 0; p < pairs; p++) {
            o[p] = ours.getAsDouble();
            q[p] = peer.getAsDouble();
            ratio[p] = o[p] / q[p];
            runs.addObject().put("ours_s", o[p]).put("peer_s", q[p]).put("ratio", ratio[p]).put("load", load());
            System.out.printf("  %s, pair %d: ours %.3f s/%s, peer %.3f s/%s, ratio %.2f%n", label, p + 1, o[p], unit,
                    q[p], unit, ratio[p]);
        }
        ObjectNode f = Json.object();
        f.put("what", what);
        f.putObject("ours").put("name", oursName).put("median_s", median(o));
        f.putObject("peer").put("name", peerName).put("median_s", median(q));
        f.put("ratio_median", median(ratio));
        f.set("pairs", runs);
        System.out.printf("%s: ours %.3f s/%s, %s %.3f, median ratio %.2f (%d pairs)%n", label, median(o), unit,
                peerName, median(q), median(ratio), pairs);
        return f;
    }

    static void release(BlockedAls.Result r) {
        for (Dataset<Row> d : List.of(r.users(), r.items(), r.userFactors(), r.itemFactors())) {
            d.unpersist();
        }
    }

    /** The ratings as the peers read them ({@code user item rating}, tab separated, a header), written once. */
    private String peerFile(Dataset<Row> data, long seed) {
        Path file = Path.of(workDir, String.format("ratings-%d-%d-%d-seed%d.tsv", users, items, ratings, seed)).toAbsolutePath();
        if (Files.isRegularFile(file)) {
            return file.toString();
        }
        animerec.app.SingleCsv.write(data.select(Columns.USER, Columns.ITEM, Columns.RATING).coalesce(1), file.toString(),
                "\t", true);
        return file.toString();
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
