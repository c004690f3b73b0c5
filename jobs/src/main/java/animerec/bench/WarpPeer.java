package animerec.bench;

import animerec.catalog.ModelCatalog;
import animerec.model.TrainingData;
import animerec.model.warp.WarpModel;
import animerec.model.warp.WarpRecommender;
import animerec.util.Progress;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * warp (ours) against LightFM 1.17's WARP on the benchmark's ratings, every interaction a positive on both sides,
 * 64 components, adagrad at 0.05, 10 samples (both defaults): seconds per epoch, each side the median of its own
 * epoch times after the first (ours in this JVM after an untimed one-epoch warm-up; LightFM's per-epoch times
 * from {@code peer-bench warp}, which calls fit_partial once per epoch).
 */
final class WarpPeer {
    private WarpPeer() {
    }

    static ObjectNode time(Dataset<Row> data, String tsv, int epochs, int pairs, long seed, PeerBench peers) {
        WarpRecommender family = (WarpRecommender) ModelCatalog.get("warp");
        Progress.Step warm = Progress.step("warp warm-up");
        release(family.fit(TrainingData.of(data), family.params(Map.of("epochs", "1")), seed, null));
        warm.done("not timed");
        return PeersBenchmark.alternate("warp 64 components", "epoch", pairs,
                "seconds per epoch, 64 components, " + epochs + " epochs per fit, 2 threads",
                "warp (" + data.sparkSession().sparkContext().defaultParallelism() + " user partitions)",
                "LightFM 1.17 (WARP, OpenMP)",
                () -> {
                    WarpModel m = family.fit(TrainingData.of(data), family.params(Map.of("epochs", String.valueOf(epochs))),
                            seed, null);
                    double[] times = m.epochSeconds();
                    release(m);
                    return PeersBenchmark.median(Arrays.copyOfRange(times, 1, times.length));
                },
                () -> {
                    JsonNode r = peers.warp(tsv, 64, epochs, 2);
                    double[] times = new double[r.path("seconds_per_epoch").size()];
                    for (int e = 0; e < times.length; e++) {
                        times[e] = r.path("seconds_per_epoch").get(e).asDouble();
                    }
                    return PeersBenchmark.median(Arrays.copyOfRange(times, 1, times.length));
                });
    }

    private static void release(WarpModel m) {
        m.userVectors().unpersist();
        m.itemVectors().unpersist();
    }
}
