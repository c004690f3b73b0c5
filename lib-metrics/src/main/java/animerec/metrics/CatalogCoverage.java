package animerec.metrics;

/**
 * Catalog coverage: the fraction of the catalog that appears in at least one recommendation list,
 * {@code distinctRecommended / catalogSize}, and 0 when {@code catalogSize == 0}.
 */
public final class CatalogCoverage {

    private CatalogCoverage() {}

    /**
     * @param distinctRecommended number of distinct items recommended to any user
     * @param catalogSize number of items in the catalog
     * @throws IllegalArgumentException if either count is negative, or if
     *     {@code distinctRecommended > catalogSize > 0}
     */
    public static double of(long distinctRecommended, long catalogSize) {
        if (distinctRecommended < 0 || catalogSize < 0) {
            throw new IllegalArgumentException("counts must be non-negative, got "
                    + distinctRecommended + " and " + catalogSize);
        }
        if (catalogSize == 0) {
            return 0.0;
        }
        if (distinctRecommended > catalogSize) {
            throw new IllegalArgumentException(distinctRecommended
                    + " distinct recommended items exceed the catalog size " + catalogSize);
        }
        return (double) distinctRecommended / catalogSize;
    }
}
