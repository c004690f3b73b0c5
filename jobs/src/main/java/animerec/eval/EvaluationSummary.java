package animerec.eval;

import animerec.metrics.RankedList;
import animerec.metrics.RankingCurve;
import animerec.metrics.RankingSummary;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * One partition's users folded for {@link RankingEvaluator}: the metric summary over all users, and optionally the
 * metric@K curve and one summary per activity bin ({@link Diagnostics#activityBin}). Merged on the driver.
 */
final class EvaluationSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] ks;
    private final RankingSummary all;
    private final RankingCurve curve;
    private final TreeMap<Integer, RankingSummary> bins;

    /** @param curveK 0 for no curve; {@code bins} for the per-activity summaries */
    EvaluationSummary(int[] ks, int curveK, boolean bins) {
        this.ks = ks;
        this.all = new RankingSummary(ks);
        this.curve = curveK > 0 ? new RankingCurve(curveK) : null;
        this.bins = bins ? new TreeMap<>() : null;
    }

    /**
     * Adds a user with {@code trainInteractions} in train: {@code list} cut at the largest evaluated K for the means,
     * {@code curveList} (maybe longer) for the curve.
     */
    void add(RankedList list, RankedList curveList, long trainInteractions) {
        all.add(list);
        if (curve != null) {
            curve.add(curveList);
        }
        if (bins != null) {
            bin(trainInteractions).add(list);
        }
    }

    void addUserWithoutRelevant(long trainInteractions) {
        all.addUserWithoutRelevant();
        if (curve != null) {
            curve.addUserWithoutRelevant();
        }
        if (bins != null) {
            bin(trainInteractions).addUserWithoutRelevant();
        }
    }

    private RankingSummary bin(long n) {
        return bins.computeIfAbsent(Diagnostics.activityBin(n), b -> new RankingSummary(ks));
    }

    EvaluationSummary merge(EvaluationSummary other) {
        all.merge(other.all);
        if (curve != null) {
            curve.merge(other.curve);
        }
        if (bins != null) {
            for (Map.Entry<Integer, RankingSummary> e : other.bins.entrySet()) {
                bins.merge(e.getKey(), e.getValue(), RankingSummary::merge);
            }
        }
        return this;
    }

    RankingSummary all() {
        return all;
    }

    /** Null when no curve was asked for. */
    RankingCurve curve() {
        return curve;
    }

    /** Null when no bins were asked for. */
    TreeMap<Integer, RankingSummary> bins() {
        return bins;
    }
}
