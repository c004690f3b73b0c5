package animerec.metrics;

/**
 * Precision at k, as in Spark's {@code RankingMetrics.precisionAt}:
 * <pre>  precision@k = |{i &lt; min(n, k) : pred[i] relevant}| / k</pre>
 * where n is the length of the (deduplicated) ranking. The denominator is k even when the ranking
 * is shorter than k or there are fewer than k relevant items. 0 when there are no relevant items.
 */
public final class Precision {

    private Precision() {}

    /** @throws IllegalArgumentException if {@code k <= 0} */
    public static double at(RankedList list, int k) {
        RankedList.checkK(k);
        if (list.relevantCount() == 0) {
            return 0.0;
        }
        return (double) list.hits(k) / k;
    }
}
