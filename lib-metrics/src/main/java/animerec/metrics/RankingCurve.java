package animerec.metrics;

import java.io.Serializable;

/**
 * Mergeable accumulator of {@link Precision}, {@link Recall} and {@link Ndcg} at every cut-off
 * {@code k = 1..maxK}, reporting their means over users: the data of a metric@K curve.
 *
 * <p>A binary list is scored in one pass over its first {@code maxK} positions (prefix sums of
 * hits and discounted gains, added in the same order as {@link Ndcg#at}, so each value equals the
 * one-k classes' exactly); a graded list falls back to those classes at each k. As in
 * {@link RankingSummary}, a user without relevant items counts as zeros and stays in the
 * denominator.
 */
public final class RankingCurve implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int maxK;
    private final double[] precision;
    private final double[] recall;
    private final double[] ndcg;
    private long users;

    /** @throws IllegalArgumentException if {@code maxK <= 0} */
    public RankingCurve(int maxK) {
        RankedList.checkK(maxK);
        this.maxK = maxK;
        this.precision = new double[maxK];
        this.recall = new double[maxK];
        this.ndcg = new double[maxK];
    }

    /** The largest cut-off. */
    public int maxK() {
        return maxK;
    }

    /** Adds one user's values at every k. */
    public void add(RankedList list) {
        users++;
        int relevant = list.relevantCount();
        if (relevant == 0) {
            return;
        }
        if (list.graded()) {
            for (int k = 1; k <= maxK; k++) {
                precision[k - 1] += Precision.at(list, k);
                recall[k - 1] += Recall.at(list, k);
                ndcg[k - 1] += Ndcg.at(list, k);
            }
            return;
        }
        int hits = 0;
        double dcg = 0.0;
        double idcg = 0.0;
        for (int k = 1; k <= maxK; k++) {
            int i = k - 1;
            if (i < list.size() && list.isRelevant(list.item(i))) {
                hits++;
                dcg += 1.0 / Math.log(i + 2);
            }
            if (i < relevant) {
                idcg += 1.0 / Math.log(i + 2);
            }
            precision[i] += (double) hits / k;
            recall[i] += (double) hits / relevant;
            ndcg[i] += dcg / idcg;
        }
    }

    /** Counts one user whose every value is 0. */
    public void addUserWithoutRelevant() {
        users++;
    }

    /**
     * Adds the users of {@code other} to this curve.
     *
     * @return this curve
     * @throws IllegalArgumentException if the two curves have different {@code maxK}
     */
    public RankingCurve merge(RankingCurve other) {
        if (other.maxK != maxK) {
            throw new IllegalArgumentException("cannot merge curves to k = " + maxK + " and k = " + other.maxK);
        }
        for (int i = 0; i < maxK; i++) {
            precision[i] += other.precision[i];
            recall[i] += other.recall[i];
            ndcg[i] += other.ndcg[i];
        }
        users += other.users;
        return this;
    }

    /** Number of users added. */
    public long users() {
        return users;
    }

    /** Mean precision at k = 1..maxK (index k - 1). */
    public double[] precision() {
        return means(precision);
    }

    /** Mean recall at k = 1..maxK (index k - 1). */
    public double[] recall() {
        return means(recall);
    }

    /** Mean NDCG at k = 1..maxK (index k - 1). */
    public double[] ndcg() {
        return means(ndcg);
    }

    private double[] means(double[] sums) {
        double[] out = new double[maxK];
        for (int i = 0; i < maxK; i++) {
            out[i] = users == 0 ? 0.0 : sums[i] / users;
        }
        return out;
    }
}
