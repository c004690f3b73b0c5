package animerec.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RatingErrorsTest {

    // errors 2, -1, 0, -3: squares sum to 14, absolute values to 6

    @Test
    void handValues() {
        RatingErrors errors = new RatingErrors();
        errors.add(3, 1);
        errors.add(1, 2);
        errors.add(4, 4);
        errors.add(2, 5);
        assertEquals(4, errors.count());
        assertEquals(Math.sqrt(14.0 / 4.0), errors.rmse(), 1e-12);
        assertEquals(6.0 / 4.0, errors.mae(), 1e-12);
    }

    @Test
    void mergeEqualsAddingEverythingToOne() {
        RatingErrors left = new RatingErrors();
        left.add(3, 1);
        left.add(1, 2);
        RatingErrors right = new RatingErrors();
        right.add(4, 4);
        right.add(2, 5);
        RatingErrors merged = left.merge(right);
        assertSame(left, merged);
        assertEquals(4, merged.count());
        assertEquals(Math.sqrt(14.0 / 4.0), merged.rmse(), 1e-12);
        assertEquals(6.0 / 4.0, merged.mae(), 1e-12);
    }

    @Test
    void emptyIsNaN() {
        RatingErrors errors = new RatingErrors();
        assertEquals(0, errors.count());
        assertTrue(Double.isNaN(errors.rmse()));
        assertTrue(Double.isNaN(errors.mae()));
    }

    @Test
    void rejectsNonFiniteValues() {
        RatingErrors errors = new RatingErrors();
        assertThrows(IllegalArgumentException.class, () -> errors.add(3, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> errors.add(Double.POSITIVE_INFINITY, 3));
        assertEquals(0, errors.count());
    }
}
