package animerec.metrics;

/**
 * Average precision at k, as in Spark's {@code RankingMetrics.meanAveragePrecisionAt} for one user:
 * <pre>  AP@k = ( sum over i &lt; min(n, k) with pred[i] relevant of hits(i) / (i + 1) )
 *         / min(|relevant|, k)</pre>
 * where i is the 0-based position, n the length of the (deduplicated) ranking and hits(i) the
 * number of relevant items in positions 0..i. 0 when there are no relevant items.
 */
public final class AveragePrecision {

    private AveragePrecision() {}

    /** @throws IllegalArgumentException if {@code k <= 0} */
    public static double at(RankedList list, int k) {
        RankedList.checkK(k);
        if (list.relevantCount() == 0) {
            return 0.0;
        }
        int n = Math.min(list.size(), k);
        int hits = 0;
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            if (list.isRelevant(list.item(i))) {
                hits++;
                sum += (double) hits / (i + 1);
            }
        }
        return sum / Math.min(list.relevantCount(), k);
    }
}
