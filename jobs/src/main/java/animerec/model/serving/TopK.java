package animerec.model.serving;

import animerec.model.factor.TopKHeap;
import java.util.ArrayList;
import java.util.List;

/** The best {@code k} of scored items (higher score first, ties to the lower item id), as the batch lists rank them. */
public final class TopK {
    private final TopKHeap heap;

    public TopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        heap = new TopKHeap(k);
    }

    public boolean accepts(double score, long item) {
        return heap.accepts(score, item);
    }

    public void offer(double score, long item) {
        heap.offer(score, item);
    }

    /** The kept items, best first. */
    public List<Scored> best() {
        int n = heap.size();
        long[] items = new long[n];
        double[] scores = new double[n];
        heap.drainBestFirst(items, scores);
        List<Scored> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Scored(items[i], scores[i]));
        }
        return out;
    }
}
