package animerec.metrics;

/**
 * Recall at k, as in Spark's {@code RankingMetrics.recallAt}:
 * <pre>  recall@k = |{i &lt; min(n, k) : pred[i] relevant}| / |relevant|</pre>
 * where n is the length of the (deduplicated) ranking. 0 when there are no relevant items.
 */
public final class Recall {

    private Recall() {}

    /** @throws IllegalArgumentException if {@code k <= 0} */
    public static double at(RankedList list, int k) {
        RankedList.checkK(k);
        if (list.relevantCount() == 0) {
            return 0.0;
        }
        return (double) list.hits(k) / list.relevantCount();
    }
}
