package animerec.metrics;

/**
 * Normalised discounted cumulative gain at k, as in Spark's {@code RankingMetrics.ndcgAt}.
 *
 * <p>Let L be the length of the (deduplicated) ranking, R the number of distinct relevant items
 * and {@code m = min(max(L, R), k)}.
 *
 * <p>Binary lists ({@code !list.graded()}):
 * <pre>  DCG  = sum over i &lt; min(m, L) with pred[i] relevant of 1 / ln(i + 2)
 *  IDCG = sum over i &lt; min(m, R) of 1 / ln(i + 2)</pre>
 *
 * <p>Graded lists, with rel(x) the relevance of item x (0 if not relevant) and r_0 &gt;= r_1
 * &gt;= ... the relevances of the relevant items sorted in descending order:
 * <pre>  DCG  = sum over i &lt; min(m, L) of (2^rel(pred[i]) - 1) / ln(i + 2)
 *  IDCG = sum over i &lt; min(m, R) of (2^r_i - 1) / ln(i + 2)</pre>
 * Spark takes the r_i in the order the ground truth was given instead of sorting them; the two
 * agree when the ground truth is passed in descending relevance order.
 *
 * <p>The result is DCG / IDCG, and 0 when IDCG = 0 (in particular when there are no relevant
 * items). The base of the logarithm cancels out.
 */
public final class Ndcg {

    private Ndcg() {}

    /** @throws IllegalArgumentException if {@code k <= 0} */
    public static double at(RankedList list, int k) {
        RankedList.checkK(k);
        int relevantCount = list.relevantCount();
        if (relevantCount == 0) {
            return 0.0;
        }
        int m = Math.min(Math.max(list.size(), relevantCount), k);
        int predictedPositions = Math.min(m, list.size());
        int idealPositions = Math.min(m, relevantCount);
        double dcg = 0.0;
        double idcg = 0.0;
        if (list.graded()) {
            for (int i = 0; i < predictedPositions; i++) {
                dcg += gain(list.relevance(list.item(i))) / Math.log(i + 2);
            }
            double[] ideal = list.relevancesDescending();
            for (int i = 0; i < idealPositions; i++) {
                idcg += gain(ideal[i]) / Math.log(i + 2);
            }
        } else {
            for (int i = 0; i < predictedPositions; i++) {
                if (list.isRelevant(list.item(i))) {
                    dcg += 1.0 / Math.log(i + 2);
                }
            }
            for (int i = 0; i < idealPositions; i++) {
                idcg += 1.0 / Math.log(i + 2);
            }
        }
        return idcg == 0.0 ? 0.0 : dcg / idcg;
    }

    private static double gain(double relevance) {
        return Math.pow(2.0, relevance) - 1.0;
    }
}
