package animerec.metrics;

import static animerec.metrics.Lists.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RankedListTest {

    @Test
    void keepsOnlyFirstOccurrenceOfDuplicatePredictions() {
        RankedList list = RankedList.of(items(3, 1, 3, 2, 1), items(2));
        assertEquals(3, list.size());
        assertEquals(3L, list.item(0));
        assertEquals(1L, list.item(1));
        assertEquals(2L, list.item(2));
    }

    @Test
    void relevantItemsHaveSetSemantics() {
        RankedList list = RankedList.of(items(9), items(1, 1, 2));
        assertEquals(2, list.relevantCount());
        assertTrue(list.isRelevant(1));
        assertFalse(list.isRelevant(9));
    }

    @Test
    void binaryRelevanceIsOneForRelevantAndZeroOtherwise() {
        RankedList list = RankedList.of(items(1, 2), items(2));
        assertFalse(list.graded());
        assertEquals(1.0, list.relevance(2), 0.0);
        assertEquals(0.0, list.relevance(1), 0.0);
    }

    @Test
    void gradedKeepsMaximumRelevanceOfRepeatedItem() {
        RankedList up = RankedList.graded(items(5), items(5, 5, 6), new double[] {1.0, 3.0, 2.0});
        RankedList down = RankedList.graded(items(5), items(5, 5, 6), new double[] {3.0, 1.0, 2.0});
        assertTrue(up.graded());
        assertEquals(2, up.relevantCount());
        assertEquals(3.0, up.relevance(5), 0.0);
        assertEquals(3.0, down.relevance(5), 0.0);
        assertEquals(2.0, up.relevance(6), 0.0);
        assertEquals(0.0, up.relevance(7), 0.0);
    }

    @Test
    void gradedItemWithZeroRelevanceIsStillRelevant() {
        RankedList list = RankedList.graded(items(1), items(1), new double[] {0.0});
        assertTrue(list.isRelevant(1));
        assertEquals(0.0, list.relevance(1), 0.0);
    }

    @Test
    void gradedRejectsMismatchedLengthsAndNonFiniteRelevance() {
        assertThrows(IllegalArgumentException.class,
                () -> RankedList.graded(items(1), items(1, 2), new double[] {1.0}));
        assertThrows(IllegalArgumentException.class,
                () -> RankedList.graded(items(1), items(1), new double[] {Double.NaN}));
    }

    @Test
    void isNotAffectedByLaterChangesToTheInputArray() {
        long[] ranked = items(1, 2);
        RankedList list = RankedList.of(ranked, items(1));
        ranked[0] = 42;
        assertEquals(1L, list.item(0));
    }
}
