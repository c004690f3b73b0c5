package animerec.metrics;

import static animerec.metrics.Lists.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class F1Test {

    @Test
    void harmonicMeanOfPrecisionAndRecall() {
        // user 2 @5: P = 2/5, R = 2/3, F1 = 2 (4/15) / (16/15) = 1/2
        assertEquals(1.0 / 2.0, F1.at(Lists.user2(), 5), 1e-12);
    }

    @Test
    void kLargerThanTheList() {
        // P = 2/10, R = 2/5, F1 = 2 (2/50) / (3/5) = 4/15
        assertEquals(4.0 / 15.0, F1.at(Lists.shortList(), 10), 1e-12);
    }

    @Test
    void noHitIsZeroNotNaN() {
        // user 2 @1 = 4: no hit
        assertEquals(0.0, F1.at(Lists.user2(), 1), 0.0);
    }

    @Test
    void emptyRankingIsZero() {
        assertEquals(0.0, F1.at(Lists.emptyRanking(), 5), 0.0);
    }

    @Test
    void noRelevantItemsIsZero() {
        assertEquals(0.0, F1.at(Lists.noRelevant(), 3), 0.0);
    }

    @Test
    void duplicatePredictionCountsOnce() {
        // deduplicated 1 2, relevant {1, 2, 3}, k = 3: P = 2/3, R = 2/3
        RankedList list = RankedList.of(items(1, 1, 1, 2), items(1, 2, 3));
        assertEquals(2.0 / 3.0, F1.at(list, 3), 1e-12);
    }

    @Test
    void rejectsNonPositiveK() {
        assertThrows(IllegalArgumentException.class, () -> F1.at(Lists.user2(), 0));
    }
}
