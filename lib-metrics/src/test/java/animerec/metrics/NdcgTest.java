package animerec.metrics;

import static animerec.metrics.Lists.items;
import static java.lang.Math.log;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NdcgTest {

    @Test
    void binaryUser1AtThree() {
        // hits at positions 0 and 2; ideal fills positions 0, 1, 2
        double dcg = 1 / log(2) + 1 / log(4);
        double idcg = 1 / log(2) + 1 / log(3) + 1 / log(4);
        assertEquals(dcg / idcg, Ndcg.at(Lists.user1(), 3), 1e-12);
    }

    @Test
    void binaryKLargerThanTheList() {
        // 1 6 2 with 5 relevant, k = 10: m = min(max(3, 5), 10) = 5 ideal positions
        double dcg = 1 / log(2) + 1 / log(4);
        double idcg = 1 / log(2) + 1 / log(3) + 1 / log(4) + 1 / log(5) + 1 / log(6);
        assertEquals(dcg / idcg, Ndcg.at(Lists.shortList(), 10), 1e-12);
    }

    @Test
    void binaryPerfectRankingIsOne() {
        RankedList list = RankedList.of(items(2, 1, 9), items(1, 2));
        assertEquals(1.0, Ndcg.at(list, 3), 1e-12);
    }

    @Test
    void emptyRankingIsZero() {
        assertEquals(0.0, Ndcg.at(Lists.emptyRanking(), 5), 0.0);
    }

    @Test
    void noRelevantItemsIsZero() {
        assertEquals(0.0, Ndcg.at(Lists.noRelevant(), 3), 0.0);
        assertEquals(0.0, Ndcg.at(RankedList.graded(items(1), items(), new double[0]), 3), 0.0);
    }

    @Test
    void duplicatePredictionIsRemovedBeforeRanking() {
        // 1 1 2 -> 1 2; relevant {2, 3}, k = 2: the hit 2 moves up to position 1
        // (Spark would look at 1 1 and get 0)
        RankedList list = RankedList.of(items(1, 1, 2), items(2, 3));
        double dcg = 1 / log(3);
        double idcg = 1 / log(2) + 1 / log(3);
        assertEquals(dcg / idcg, Ndcg.at(list, 2), 1e-12);
    }

    @Test
    void gradedHandCase() {
        // ranking 1 2 3; relevances 1 -> 1, 3 -> 3, 4 -> 2 (item 2 not relevant); k = 3
        RankedList list = RankedList.graded(items(1, 2, 3), items(1, 3, 4), new double[] {1, 3, 2});
        double dcg = (2 - 1) / log(2) + 0 / log(3) + (8 - 1) / log(4);
        // ideal: relevances sorted descending 3, 2, 1
        double idcg = (8 - 1) / log(2) + (4 - 1) / log(3) + (2 - 1) / log(4);
        assertEquals(dcg / idcg, Ndcg.at(list, 3), 1e-12);
    }

    @Test
    void gradedCutAtOne() {
        RankedList list = RankedList.graded(items(1, 2, 3), items(1, 3, 4), new double[] {1, 3, 2});
        assertEquals((1 / log(2)) / (7 / log(2)), Ndcg.at(list, 1), 1e-12);
    }

    @Test
    void gradedKLargerThanTheList() {
        // ranking 3 (relevance 2); relevant 3 -> 2, 5 -> 1; k = 10: m = min(max(1, 2), 10) = 2
        RankedList list = RankedList.graded(items(3), items(3, 5), new double[] {2, 1});
        double dcg = (4 - 1) / log(2);
        double idcg = (4 - 1) / log(2) + (2 - 1) / log(3);
        assertEquals(dcg / idcg, Ndcg.at(list, 10), 1e-12);
    }

    @Test
    void gradedDuplicatePredictionIsRemovedBeforeRanking() {
        // 7 7 3 -> 7 3; relevant 3 -> 2, 5 -> 1; k = 2
        RankedList list = RankedList.graded(items(7, 7, 3), items(3, 5), new double[] {2, 1});
        double dcg = (4 - 1) / log(3);
        double idcg = (4 - 1) / log(2) + (2 - 1) / log(3);
        assertEquals(dcg / idcg, Ndcg.at(list, 2), 1e-12);
    }

    @Test
    void gradedAllZeroRelevanceIsZero() {
        RankedList list = RankedList.graded(items(1, 2), items(1, 2), new double[] {0, 0});
        assertEquals(0.0, Ndcg.at(list, 2), 0.0);
    }

    @Test
    void gradedWithEqualRelevancesMatchesBinary() {
        // relevance 1 gives gain 2^1 - 1 = 1, the binary gain
        RankedList graded = RankedList.graded(
                items(1, 6, 2, 7, 8, 3, 9, 10, 4, 5), items(1, 2, 3, 4, 5), new double[] {1, 1, 1, 1, 1});
        assertEquals(Ndcg.at(Lists.user1(), 5), Ndcg.at(graded, 5), 1e-12);
    }

    @Test
    void rejectsNonPositiveK() {
        assertThrows(IllegalArgumentException.class, () -> Ndcg.at(Lists.user1(), 0));
        assertThrows(IllegalArgumentException.class, () -> Ndcg.at(Lists.noRelevant(), -1));
    }
}
