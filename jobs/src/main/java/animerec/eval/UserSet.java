package animerec.eval;

import java.util.Locale;

/** Which users metrics are averaged over. */
public enum UserSet {
    /** Users with at least one relevant held-out item (users without recommendations count as zeros). */
    TRUTH,
    /**
     * Also users who received recommendations but have no relevant item, as zeros — Spark's
     * {@code RankingMetrics} convention.
     */
    UNION;

    public static UserSet parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new animerec.util.UserError("--users must be truth or union, got '" + s + "'");
        }
    }
}
