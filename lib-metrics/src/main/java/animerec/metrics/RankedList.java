package animerec.metrics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One user's predicted ranking together with the user's relevant items.
 *
 * <p>The ranking is deduplicated on construction: only the first occurrence of an item is kept,
 * later duplicates are dropped, so {@link #size()} and {@link #item(int)} refer to the
 * deduplicated ranking. (Spark's {@code RankingMetrics} does not deduplicate and counts each
 * duplicate as a hit.)
 *
 * <p>Relevant items have set semantics. In a binary list every relevant item has relevance 1; in a
 * graded list an item listed more than once keeps its maximum relevance. Items outside the
 * relevant set have relevance 0. An item of a graded list is relevant (for precision, recall,
 * etc.) whenever it appears in the relevant items, even if its relevance is 0, as in Spark.
 *
 * <p>Instances are immutable.
 */
public final class RankedList {

    private final long[] ranking;
    private final Map<Long, Double> relevance;
    private final boolean graded;

    private RankedList(long[] ranking, Map<Long, Double> relevance, boolean graded) {
        this.ranking = ranking;
        this.relevance = relevance;
        this.graded = graded;
    }

    /**
     * Binary relevance: every item of {@code relevantItems} is relevant with relevance 1.
     *
     * @param rankedItems predicted items, best first; duplicates after the first occurrence are
     *     dropped
     * @param relevantItems ground-truth items; duplicates are ignored
     */
    public static RankedList of(long[] rankedItems, long[] relevantItems) {
        Objects.requireNonNull(relevantItems, "relevantItems");
        Map<Long, Double> rel = new HashMap<>();
        for (long item : relevantItems) {
            rel.put(item, 1.0);
        }
        return new RankedList(dedup(rankedItems), rel, false);
    }

    /**
     * Graded relevance: {@code relevantItems[j]} has relevance {@code relevances[j]}; an item given
     * more than once keeps its maximum relevance.
     *
     * @throws IllegalArgumentException if the two arrays differ in length or a relevance is not
     *     finite
     */
    public static RankedList graded(long[] rankedItems, long[] relevantItems, double[] relevances) {
        Objects.requireNonNull(relevantItems, "relevantItems");
        Objects.requireNonNull(relevances, "relevances");
        if (relevantItems.length != relevances.length) {
            throw new IllegalArgumentException("relevantItems has " + relevantItems.length
                    + " items but relevances has " + relevances.length + " values");
        }
        Map<Long, Double> rel = new HashMap<>();
        for (int j = 0; j < relevantItems.length; j++) {
            double r = relevances[j];
            if (!Double.isFinite(r)) {
                throw new IllegalArgumentException("relevance of item " + relevantItems[j]
                        + " is not finite: " + r);
            }
            rel.merge(relevantItems[j], r, Math::max);
        }
        return new RankedList(dedup(rankedItems), rel, true);
    }

    private static long[] dedup(long[] rankedItems) {
        Objects.requireNonNull(rankedItems, "rankedItems");
        Set<Long> seen = new HashSet<>();
        long[] out = new long[rankedItems.length];
        int n = 0;
        for (long item : rankedItems) {
            if (seen.add(item)) {
                out[n++] = item;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** Length of the deduplicated ranking. */
    public int size() {
        return ranking.length;
    }

    /** Number of distinct relevant items. */
    public int relevantCount() {
        return relevance.size();
    }

    /** Whether {@code item} is among the relevant items. */
    public boolean isRelevant(long item) {
        return relevance.containsKey(item);
    }

    /** Relevance of {@code item}: 0 if not relevant, 1 if relevant in a binary list. */
    public double relevance(long item) {
        return relevance.getOrDefault(item, 0.0);
    }

    /** Whether this list was built with graded relevances. */
    public boolean graded() {
        return graded;
    }

    /** The item at 0-based position {@code i} of the deduplicated ranking. */
    public long item(int i) {
        return ranking[i];
    }

    /** Number of relevant items among the first {@code min(size(), k)} positions. */
    int hits(int k) {
        int n = Math.min(ranking.length, k);
        int hits = 0;
        for (int i = 0; i < n; i++) {
            if (relevance.containsKey(ranking[i])) {
                hits++;
            }
        }
        return hits;
    }

    /** Relevances of all distinct relevant items, sorted in descending order. */
    double[] relevancesDescending() {
        double[] values = new double[relevance.size()];
        int j = 0;
        for (double r : relevance.values()) {
            values[j++] = r;
        }
        Arrays.sort(values);
        for (int lo = 0, hi = values.length - 1; lo < hi; lo++, hi--) {
            double t = values[lo];
            values[lo] = values[hi];
            values[hi] = t;
        }
        return values;
    }

    static void checkK(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("ranking position k should be positive, got " + k);
        }
    }
}
