package animerec.metrics;

import static animerec.metrics.Lists.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HitRateTest {

    @Test
    void oneWhenAnyOfTheFirstKIsRelevant() {
        // user 2: 4 1 ...; item 1 is the first hit, at position 1
        assertEquals(0.0, HitRate.at(Lists.user2(), 1), 0.0);
        assertEquals(1.0, HitRate.at(Lists.user2(), 2), 0.0);
    }

    @Test
    void kLargerThanTheList() {
        assertEquals(1.0, HitRate.at(RankedList.of(items(7, 1), items(1)), 10), 0.0);
        assertEquals(0.0, HitRate.at(RankedList.of(items(7, 8), items(1)), 10), 0.0);
    }

    @Test
    void emptyRankingIsZero() {
        assertEquals(0.0, HitRate.at(Lists.emptyRanking(), 5), 0.0);
    }

    @Test
    void noRelevantItemsIsZero() {
        assertEquals(0.0, HitRate.at(Lists.noRelevant(), 3), 0.0);
    }

    @Test
    void duplicatePredictionIsRemovedBeforeRanking() {
        // 7 7 1 -> 7 1: item 1 is within the first 2
        assertEquals(1.0, HitRate.at(RankedList.of(items(7, 7, 1), items(1)), 2), 0.0);
    }

    @Test
    void rejectsNonPositiveK() {
        assertThrows(IllegalArgumentException.class, () -> HitRate.at(Lists.user2(), 0));
    }
}
