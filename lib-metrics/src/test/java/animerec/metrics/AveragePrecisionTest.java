package animerec.metrics;

import static animerec.metrics.Lists.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AveragePrecisionTest {

    @Test
    void user1AtTen() {
        // hits at positions 0, 2, 5, 8, 9: (1/1 + 2/3 + 3/6 + 4/9 + 5/10) / min(5, 10) = (28/9) / 5
        assertEquals(28.0 / 45.0, AveragePrecision.at(Lists.user1(), 10), 1e-12);
    }

    @Test
    void user2AtTen() {
        // hits at positions 1, 4, 6: (1/2 + 2/5 + 3/7) / min(3, 10) = (93/70) / 3
        assertEquals(31.0 / 70.0, AveragePrecision.at(Lists.user2(), 10), 1e-12);
    }

    @Test
    void dividesByKWhenFewerPositionsThanRelevantItems() {
        // user 1 @3: hits at 0 and 2: (1/1 + 2/3) / min(5, 3)
        assertEquals(5.0 / 9.0, AveragePrecision.at(Lists.user1(), 3), 1e-12);
    }

    @Test
    void kLargerThanTheList() {
        // 7 1 with relevant {1, 2, 3}: hit at 1 -> (1/2) / min(3, 10)
        RankedList list = RankedList.of(items(7, 1), items(1, 2, 3));
        assertEquals(1.0 / 6.0, AveragePrecision.at(list, 10), 1e-12);
    }

    @Test
    void emptyRankingIsZero() {
        assertEquals(0.0, AveragePrecision.at(Lists.emptyRanking(), 5), 0.0);
    }

    @Test
    void noRelevantItemsIsZero() {
        assertEquals(0.0, AveragePrecision.at(Lists.noRelevant(), 3), 0.0);
    }

    @Test
    void duplicatePredictionCountsOnce() {
        // deduplicated 1 3 2, relevant {1, 2}: (1/1 + 2/3) / 2; Spark on 1 1 3 2 would get (1 + 2/2 + 3/4) / 2
        RankedList list = RankedList.of(items(1, 1, 3, 2), items(1, 2));
        assertEquals(5.0 / 6.0, AveragePrecision.at(list, 4), 1e-12);
    }

    @Test
    void rejectsNonPositiveK() {
        assertThrows(IllegalArgumentException.class, () -> AveragePrecision.at(Lists.user1(), 0));
    }
}
