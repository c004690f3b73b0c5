package animerec.bench;

import animerec.data.Columns;
import animerec.model.als.BlockedAls;
import animerec.model.factor.BlockedTopKScorer;
import animerec.util.Progress;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Top-10 for every user of the benchmark's ratings, each user's own items left out, against implicit 0.7.3's
 * batched {@code recommend} on its own ALS factors ({@code peer-bench topk}, which times that call alone). Both
 * sides score the same shape: every user against every item at one rank, from ALS factors fitted for two
 * iterations. Ours: {@link BlockedTopKScorer} from factor tables already in memory to the last output row
 * (Spark's no-op sink), the grouping of each user's seen items included. Effective GFLOP/s counts the
 * 2 · users · items · rank of the product.
 */
final class TopKPeer {
    static final int K = 10;
    private static final int FIT_ITERATIONS = 2;

    private TopKPeer() {
    }

    static ObjectNode time(Dataset<Row> data, String tsv, int rank, int pairs, long seed, PeerBench peers) {
        Dataset<Row> ratings = data.select(Columns.USER, Columns.ITEM, Columns.RATING);
        int blocks = Math.max(2, data.sparkSession().sparkContext().defaultParallelism());
        Progress.Step fit = Progress.step("top-K rank " + rank + ": factors");
        BlockedAls.Result r = BlockedAls.train(ratings,
                new BlockedAls.Settings(rank, FIT_ITERATIONS, 0.01, true, 1.0, 3, blocks, blocks, 10), seed);
        Dataset<Row> users = r.userVectors().persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> items = r.itemVectors().persist(StorageLevel.MEMORY_AND_DISK());
        long nu = users.count();
        long ni = items.count();
        Dataset<Row> seen = data.select(Columns.USER, Columns.ITEM);
        Dataset<Row> targets = users.select(Columns.USER);
        Runnable ours = () -> BlockedTopKScorer.defaults().recommend(users, items, targets, seen, K)
                .write().format("noop").mode("overwrite").save();
        ours.run(); // warm-up (JIT), not timed
        fit.done(String.format("%,d users x %,d items; one untimed pass", nu, ni));
        double flop = 2.0 * nu * ni * rank;
        ObjectNode f = PeersBenchmark.alternate("top-" + K + " rank " + rank, "pass", pairs,
                "seconds for the top-" + K + " of every user (own items left out), rank " + rank + ", 2 threads",
                "BlockedTopKScorer (TopKKernel)", "implicit 0.7.3 recommend (batched, own items filtered)",
                () -> {
                    long t0 = System.nanoTime();
                    ours.run();
                    return (System.nanoTime() - t0) / 1e9;
                },
                () -> peers.topk(tsv, rank, K, FIT_ITERATIONS, 2).path("seconds_topk_all_users").asDouble(Double.NaN));
        f.put("flop", flop);
        f.put("ours_gflops", flop / f.path("ours").path("median_s").asDouble() / 1e9);
        f.put("peer_gflops", flop / f.path("peer").path("median_s").asDouble() / 1e9);
        System.out.printf("  top-%d rank %d: ours %.1f GFLOP/s effective, implicit %.1f%n", K, rank,
                f.path("ours_gflops").asDouble(), f.path("peer_gflops").asDouble());
        users.unpersist();
        items.unpersist();
        PeersBenchmark.release(r);
        return f;
    }
}
