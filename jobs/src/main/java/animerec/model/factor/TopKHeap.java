package animerec.model.factor;

import java.util.Arrays;

/**
 * A bounded min-heap of (score, item) on primitive arrays: keeps the k best items seen so far, where
 * "better" is a higher score, ties broken by the lower item id. No allocation per offer.
 */
public final class TopKHeap {
    private final int k;
    private final double[] scores;
    private final long[] items;
    private int size;

    public TopKHeap(int k) {
        this.k = k;
        this.scores = new double[k];
        this.items = new long[k];
    }

    /** True when (score, item) ranks below (otherScore, otherItem). */
    public static boolean worse(double score, long item, double otherScore, long otherItem) {
        return score < otherScore || (score == otherScore && item > otherItem);
    }

    /** The best k of two best-first lists (ties: lower item id), best first. */
    public record Merged(long[] items, double[] scores) {
    }

    public static Merged mergeBestFirst(long[] xi, double[] xs, long[] yi, double[] ys, int k) {
        int n = Math.min(k, xi.length + yi.length);
        long[] items = new long[n];
        double[] scores = new double[n];
        int p = 0;
        int q = 0;
        for (int o = 0; o < n; o++) {
            boolean takeX = q >= yi.length || (p < xi.length && !worse(xs[p], xi[p], ys[q], yi[q]));
            if (takeX) {
                items[o] = xi[p];
                scores[o] = xs[p++];
            } else {
                items[o] = yi[q];
                scores[o] = ys[q++];
            }
        }
        return new Merged(items, scores);
    }

    public boolean full() {
        return size == k;
    }

    /** The score an offer must beat once the heap is full. */
    double minScore() {
        return scores[0];
    }

    /** Whether (score, item) would enter the heap (cheap pre-check before the seen-item test). */
    public boolean accepts(double score, long item) {
        return size < k || worse(scores[0], items[0], score, item);
    }

    public void offer(double score, long item) {
        if (size < k) {
            scores[size] = score;
            items[size] = item;
            siftUp(size++);
        } else if (worse(scores[0], items[0], score, item)) {
            scores[0] = score;
            items[0] = item;
            siftDown(0);
        }
    }

    public int size() {
        return size;
    }

    /** Items and scores, best first; empties the heap. */
    public void drainBestFirst(long[] outItems, double[] outScores) {
        int n = size;
        for (int i = n - 1; i >= 0; i--) {
            outItems[i] = items[0];
            outScores[i] = scores[0];
            size--;
            if (size > 0) {
                items[0] = items[size];
                scores[0] = scores[size];
                siftDown(0);
            }
        }
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (worse(scores[i], items[i], scores[parent], items[parent])) {
                swap(i, parent);
                i = parent;
            } else {
                return;
            }
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int worst = i;
            if (l < size && worse(scores[l], items[l], scores[worst], items[worst])) {
                worst = l;
            }
            if (r < size && worse(scores[r], items[r], scores[worst], items[worst])) {
                worst = r;
            }
            if (worst == i) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int a, int b) {
        double s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
        long t = items[a];
        items[a] = items[b];
        items[b] = t;
    }

    @Override
    public String toString() {
        return Arrays.toString(Arrays.copyOf(items, size));
    }
}
