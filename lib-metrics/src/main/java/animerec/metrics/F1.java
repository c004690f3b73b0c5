package animerec.metrics;

/**
 * F1 at k, the harmonic mean of {@link Precision} and {@link Recall} at the same k:
 * <pre>  F1@k = 2 P R / (P + R),  P = precision@k, R = recall@k</pre>
 * and 0 when P + R = 0 (which includes an empty relevant set). Spark has no F1 for rankings;
 * this combines Spark's precision and recall definitions.
 */
public final class F1 {

    private F1() {}

    /** @throws IllegalArgumentException if {@code k <= 0} */
    public static double at(RankedList list, int k) {
        double p = Precision.at(list, k);
        double r = Recall.at(list, k);
        return p + r == 0.0 ? 0.0 : 2.0 * p * r / (p + r);
    }
}
