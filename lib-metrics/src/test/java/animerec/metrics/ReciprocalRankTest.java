package animerec.metrics;

import static animerec.metrics.Lists.items;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReciprocalRankTest {

    @Test
    void inverseOfOneBasedPositionOfFirstHit() {
        assertEquals(1.0 / 2.0, ReciprocalRank.of(Lists.user2()), 1e-12);
        assertEquals(1.0 / 1.0, ReciprocalRank.of(Lists.user1()), 1e-12);
    }

    @Test
    void looksAtTheWholeList() {
        assertEquals(1.0 / 4.0, ReciprocalRank.of(RankedList.of(items(7, 8, 9, 1), items(1))), 1e-12);
    }

    @Test
    void noHitIsZero() {
        assertEquals(0.0, ReciprocalRank.of(RankedList.of(items(7, 8), items(1))), 0.0);
    }

    @Test
    void emptyRankingIsZero() {
        assertEquals(0.0, ReciprocalRank.of(Lists.emptyRanking()), 0.0);
    }

    @Test
    void noRelevantItemsIsZero() {
        assertEquals(0.0, ReciprocalRank.of(Lists.noRelevant()), 0.0);
    }

    @Test
    void duplicatePredictionIsRemovedBeforeRanking() {
        // 7 7 1 -> 7 1: first hit at position 2, not 3
        assertEquals(1.0 / 2.0, ReciprocalRank.of(RankedList.of(items(7, 7, 1), items(1))), 1e-12);
    }
}
