package animerec.metrics;

/**
 * Hit rate at k: 1 if at least one of the first {@code min(n, k)} predictions is relevant, else 0
 * (n is the length of the deduplicated ranking). 0 when there are no relevant items.
 */
public final class HitRate {

    private HitRate() {}

    /** @throws IllegalArgumentException if {@code k <= 0} */
    public static double at(RankedList list, int k) {
        RankedList.checkK(k);
        return list.hits(k) > 0 ? 1.0 : 0.0;
    }
}
