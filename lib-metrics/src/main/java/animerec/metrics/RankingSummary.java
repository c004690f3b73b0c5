package animerec.metrics;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;

/**
 * Mergeable accumulator of per-user ranking metrics, reporting their means over users.
 *
 * <p>For every cut-off k it accumulates {@link Precision}, {@link Recall}, {@link F1},
 * {@link Ndcg}, {@link AveragePrecision} and {@link HitRate}, plus {@link ReciprocalRank}. Each
 * mean is (sum of per-user values) / (number of users), and 0 when there are no users.
 *
 * <p>Users without relevant items count as all zeros and stay in the denominator, which is
 * Spark's convention for {@code RankingMetrics} over the union of users with predictions and
 * users with ground truth; use {@link #addUserWithoutRelevant()} for such users.
 *
 * <p>Sums are plain {@code double} sums (no compensated summation): every value lies in [0, 1],
 * so the relative error stays around {@code users * 2^-53}, far below what an evaluation needs.
 * Merging in a different order can therefore change results in the last bits only.
 */
public final class RankingSummary implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int METRICS_PER_K = 6;

    private final int[] ks;
    /** Per k: precision, recall, f1, ndcg, map, hit_rate (key order); then mrr last. */
    private final double[] sums;
    private long users;

    /**
     * @param ks the cut-offs, reported in this order
     * @throws IllegalArgumentException if {@code ks} is empty, has a value {@code <= 0} or repeats a
     *     value
     */
    public RankingSummary(int[] ks) {
        if (ks.length == 0) {
            throw new IllegalArgumentException("at least one k is required");
        }
        for (int i = 0; i < ks.length; i++) {
            RankedList.checkK(ks[i]);
            for (int j = 0; j < i; j++) {
                if (ks[j] == ks[i]) {
                    throw new IllegalArgumentException("k = " + ks[i] + " is given twice");
                }
            }
        }
        this.ks = ks.clone();
        this.sums = new double[METRICS_PER_K * ks.length + 1];
    }

    /** Adds one user's metrics for every k, and the user's reciprocal rank. */
    public void add(RankedList list) {
        for (int j = 0; j < ks.length; j++) {
            int k = ks[j];
            int base = METRICS_PER_K * j;
            sums[base] += Precision.at(list, k);
            sums[base + 1] += Recall.at(list, k);
            sums[base + 2] += F1.at(list, k);
            sums[base + 3] += Ndcg.at(list, k);
            sums[base + 4] += AveragePrecision.at(list, k);
            sums[base + 5] += HitRate.at(list, k);
        }
        sums[sums.length - 1] += ReciprocalRank.of(list);
        users++;
    }

    /** Counts one user whose every metric is 0 (e.g. a user with ground truth but no predictions). */
    public void addUserWithoutRelevant() {
        users++;
    }

    /**
     * Adds the users of {@code other} to this summary.
     *
     * @return this summary
     * @throws IllegalArgumentException if the two summaries have different cut-offs
     */
    public RankingSummary merge(RankingSummary other) {
        if (!Arrays.equals(ks, other.ks)) {
            throw new IllegalArgumentException("cannot merge summaries with ks "
                    + Arrays.toString(ks) + " and " + Arrays.toString(other.ks));
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] += other.sums[i];
        }
        users += other.users;
        return this;
    }

    /** Number of users added. */
    public long users() {
        return users;
    }

    /**
     * Mean of one metric over users.
     *
     * @param key a key of {@link #means()}, e.g. {@code "ndcg@10"} or {@code "mrr"}
     * @throws IllegalArgumentException if the key is unknown
     */
    public double mean(String key) {
        Double value = means().get(key);
        if (value == null) {
            throw new IllegalArgumentException("unknown metric " + key + "; known: " + means().keySet());
        }
        return value;
    }

    /**
     * All means, keyed {@code precision@K, recall@K, f1@K, ndcg@K, map@K, hit_rate@K} for each K in
     * the constructor's order, then {@code mrr}.
     */
    public LinkedHashMap<String, Double> means() {
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < ks.length; j++) {
            int k = ks[j];
            int base = METRICS_PER_K * j;
            out.put(MetricKeys.precision(k), mean(base));
            out.put(MetricKeys.recall(k), mean(base + 1));
            out.put(MetricKeys.f1(k), mean(base + 2));
            out.put(MetricKeys.ndcg(k), mean(base + 3));
            out.put(MetricKeys.map(k), mean(base + 4));
            out.put(MetricKeys.hitRate(k), mean(base + 5));
        }
        out.put(MetricKeys.MRR, mean(sums.length - 1));
        return out;
    }

    private double mean(int index) {
        return users == 0 ? 0.0 : sums[index] / users;
    }
}
