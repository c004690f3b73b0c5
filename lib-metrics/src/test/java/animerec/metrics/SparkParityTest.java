package animerec.metrics;

import static animerec.metrics.Lists.items;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The expected values published in Spark's {@code RankingMetricsSuite} (rounded there to 1e-5),
 * for inputs without duplicate predictions, where this module and Spark agree exactly.
 */
class SparkParityTest {

    private static final double EPS = 1e-5;

    private static RankingSummary summarize(RankedList... lists) {
        RankingSummary summary = new RankingSummary(new int[] {1, 2, 3, 4, 5, 10, 15});
        for (RankedList list : lists) {
            summary.add(list);
        }
        return summary;
    }

    @Test
    void binarySuite() {
        RankingSummary s = summarize(
                Lists.user1(), Lists.user2(), RankedList.of(items(1, 2, 3, 4, 5), items()));
        assertEquals(1.0 / 3, s.mean("precision@1"), EPS);
        assertEquals(1.0 / 3, s.mean("precision@2"), EPS);
        assertEquals(1.0 / 3, s.mean("precision@3"), EPS);
        assertEquals(0.75 / 3, s.mean("precision@4"), EPS);
        assertEquals(0.8 / 3, s.mean("precision@5"), EPS);
        assertEquals(0.8 / 3, s.mean("precision@10"), EPS);
        assertEquals(8.0 / 45, s.mean("precision@15"), EPS);
        assertEquals(0.333334, s.mean("map@1"), EPS);
        assertEquals(0.25, s.mean("map@2"), EPS);
        assertEquals(0.24074, s.mean("map@3"), EPS);
        assertEquals(1.0 / 3, s.mean("ndcg@3"), EPS);
        assertEquals(0.328788, s.mean("ndcg@5"), EPS);
        assertEquals(0.487913, s.mean("ndcg@10"), EPS);
        assertEquals(0.487913, s.mean("ndcg@15"), EPS);
        assertEquals(1.0 / 15, s.mean("recall@1"), EPS);
        assertEquals(8.0 / 45, s.mean("recall@2"), EPS);
        assertEquals(11.0 / 45, s.mean("recall@3"), EPS);
        assertEquals(11.0 / 45, s.mean("recall@4"), EPS);
        assertEquals(16.0 / 45, s.mean("recall@5"), EPS);
        assertEquals(2.0 / 3, s.mean("recall@10"), EPS);
        assertEquals(2.0 / 3, s.mean("recall@15"), EPS);
    }

    @Test
    void gradedSuite() {
        RankingSummary s = summarize(
                RankedList.graded(items(1, 6, 2, 7, 8, 3, 9, 10, 4, 5), items(1, 2, 3, 4, 5),
                        new double[] {3, 2, 1, 1, 1}),
                RankedList.graded(items(4, 1, 5, 6, 2, 7, 3, 8, 9, 10), items(1, 2, 3),
                        new double[] {2, 0, 0}),
                RankedList.graded(items(1, 2, 3, 4, 5), items(), new double[0]));
        assertEquals(0.511959, s.mean("ndcg@3"), EPS);
        assertEquals(0.487806, s.mean("ndcg@5"), EPS);
        assertEquals(0.518700, s.mean("ndcg@10"), EPS);
        assertEquals(0.518700, s.mean("ndcg@15"), EPS);
        assertEquals(0.8 / 3, s.mean("precision@5"), EPS);
        assertEquals(16.0 / 45, s.mean("recall@5"), EPS);
    }

    @Test
    void fewPredictions() {
        // SPARK-14886
        RankingSummary s = summarize(
                RankedList.of(items(1, 6, 2), items(1, 2, 3, 4, 5)), RankedList.of(items(), items(1, 2, 3)));
        assertEquals(0.5, s.mean("precision@1"), EPS);
        assertEquals(0.25, s.mean("precision@2"), EPS);
        assertEquals(0.5, s.mean("ndcg@1"), EPS);
        assertEquals(0.30657, s.mean("ndcg@2"), EPS);
        assertEquals(0.1, s.mean("recall@1"), EPS);
        assertEquals(0.1, s.mean("recall@2"), EPS);
    }
}
