package animerec.metrics;

import static animerec.metrics.Lists.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RecallTest {

    @Test
    void dividesHitsInTheFirstKByTheNumberOfRelevantItems() {
        // user 2, first 5 = 4 1 5 6 2: hits 1, 2 of {1, 2, 3}
        assertEquals(2.0 / 3.0, Recall.at(Lists.user2(), 5), 1e-12);
        // user 1, first 3 = 1 6 2: hits 1, 2 of {1..5}
        assertEquals(2.0 / 5.0, Recall.at(Lists.user1(), 3), 1e-12);
    }

    @Test
    void kLargerThanTheList() {
        assertEquals(2.0 / 5.0, Recall.at(Lists.shortList(), 10), 1e-12);
        assertEquals(5.0 / 5.0, Recall.at(Lists.user1(), 15), 1e-12);
    }

    @Test
    void emptyRankingIsZero() {
        assertEquals(0.0, Recall.at(Lists.emptyRanking(), 5), 0.0);
    }

    @Test
    void noRelevantItemsIsZero() {
        assertEquals(0.0, Recall.at(Lists.noRelevant(), 3), 0.0);
    }

    @Test
    void duplicatesInPredictionsAndInRelevantItems() {
        // ranking deduplicated to 1 2; relevant {1, 2, 3}; Spark would see 1 1 1 -> 3/3
        RankedList list = RankedList.of(items(1, 1, 1, 2), items(1, 2, 3, 3));
        assertEquals(2.0 / 3.0, Recall.at(list, 3), 1e-12);
    }

    @Test
    void rejectsNonPositiveK() {
        assertThrows(IllegalArgumentException.class, () -> Recall.at(Lists.user1(), 0));
        assertThrows(IllegalArgumentException.class, () -> Recall.at(Lists.user1(), -3));
    }
}
