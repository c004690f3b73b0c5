package animerec.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CatalogCoverageTest {

    @Test
    void fractionOfCatalogRecommended() {
        assertEquals(1.0 / 4.0, CatalogCoverage.of(25, 100), 1e-12);
        assertEquals(1.0, CatalogCoverage.of(7, 7), 0.0);
    }

    @Test
    void emptyCatalogIsZero() {
        assertEquals(0.0, CatalogCoverage.of(0, 0), 0.0);
        assertEquals(0.0, CatalogCoverage.of(5, 0), 0.0);
    }

    @Test
    void rejectsNegativeCountsAndMoreItemsThanTheCatalog() {
        assertThrows(IllegalArgumentException.class, () -> CatalogCoverage.of(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> CatalogCoverage.of(1, -10));
        assertThrows(IllegalArgumentException.class, () -> CatalogCoverage.of(11, 10));
    }
}
