/**
 * Ranking and rating metrics in plain Java, one small final class per metric.
 *
 * <p>Definitions follow Apache Spark's {@code org.apache.spark.mllib.evaluation.RankingMetrics}
 * (Spark 3.x/4.x) for a single query (user), with two documented differences:
 * <ul>
 *   <li>Duplicates in the predicted ranking are removed (first occurrence kept) before any metric
 *       is computed; Spark counts every duplicate as a separate position and a separate hit.</li>
 *   <li>Graded NDCG uses the relevances sorted in descending order for the ideal DCG; Spark uses
 *       the ground-truth array in the order it was given. Both agree when the ground truth is
 *       given in descending relevance order without duplicates.</li>
 * </ul>
 * Every ranking metric is 0 when the relevant set is empty, and every cut-off {@code k} must be
 * positive.
 */
package animerec.metrics;
