package animerec.metrics;

import static animerec.metrics.Lists.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PrecisionTest {

    @Test
    void countsHitsInTheFirstKPositions() {
        // user 1, first 5 = 1 6 2 7 8: hits 1, 2
        assertEquals(2.0 / 5.0, Precision.at(Lists.user1(), 5), 1e-12);
        // first 4 = 1 6 2 7: hits 1, 2
        assertEquals(2.0 / 4.0, Precision.at(Lists.user1(), 4), 1e-12);
    }

    @Test
    void dividesByKWhenTheListIsShorter() {
        // 3 predictions, hits 1 and 2, k = 10
        assertEquals(2.0 / 10.0, Precision.at(Lists.shortList(), 10), 1e-12);
    }

    @Test
    void emptyRankingIsZero() {
        assertEquals(0.0, Precision.at(Lists.emptyRanking(), 5), 0.0);
    }

    @Test
    void noRelevantItemsIsZero() {
        assertEquals(0.0, Precision.at(Lists.noRelevant(), 3), 0.0);
    }

    @Test
    void duplicatePredictionCountsOnce() {
        // deduplicated: 1 2 -> 2 hits in the first 3; Spark would see 1 1 1 -> 3 hits
        RankedList list = RankedList.of(items(1, 1, 1, 2), items(1, 2));
        assertEquals(2.0 / 3.0, Precision.at(list, 3), 1e-12);
    }

    @Test
    void rejectsNonPositiveK() {
        assertThrows(IllegalArgumentException.class, () -> Precision.at(Lists.user1(), 0));
        assertThrows(IllegalArgumentException.class, () -> Precision.at(Lists.noRelevant(), -1));
    }
}
