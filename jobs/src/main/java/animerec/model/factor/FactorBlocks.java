package animerec.model.factor;

import java.io.Serializable;
import java.util.Arrays;

/** Dense blocks of factor vectors, the unit the blocked scorer multiplies. */
final class FactorBlocks {
    private FactorBlocks() {
    }

    /** Users of one block: ids, vectors row-major (n × rank), and each user's seen items, sorted. */
    static final class UserBlock implements Serializable {
        private static final long serialVersionUID = 1L;
        final long[] ids;
        final float[] vectors;
        final long[][] seen;

        UserBlock(long[] ids, float[] vectors, long[][] seen) {
            this.ids = ids;
            this.vectors = vectors;
            this.seen = seen;
        }
    }

    /** Items of one block: ids and vectors factor-major (rank × n), so scoring runs over contiguous items. */
    static final class ItemBlock implements Serializable {
        private static final long serialVersionUID = 1L;
        final long[] ids;
        final float[] byFactor;

        ItemBlock(long[] ids, float[] byFactor) {
            this.ids = ids;
            this.byFactor = byFactor;
        }
    }

    /** One block's partial top-K per user: item ids and scores, best first (length ≤ k each). */
    static final class Partial implements Serializable {
        private static final long serialVersionUID = 1L;
        final long[] users;
        final long[][] items;
        final double[][] scores;

        Partial(long[] users, long[][] items, double[][] scores) {
            this.users = users;
            this.items = items;
            this.scores = scores;
        }
    }

    /**
     * Scores every user of {@code u} against every item of each block in {@code itemBlocks} and keeps the
     * top {@code k} unseen items per user. Score = Σ_f u[f]·i[f], accumulated in float in factor order
     * (the order a brute-force loop uses), as an axpy over the items of a block so the JIT vectorises it.
     */
    static Partial score(UserBlock u, ItemBlock[] itemBlocks, int rank, int k) {
        int nu = u.ids.length;
        TopKHeap[] heaps = new TopKHeap[nu];
        for (int a = 0; a < nu; a++) {
            heaps[a] = new TopKHeap(k);
        }
        int maxItems = 0;
        for (ItemBlock b : itemBlocks) {
            maxItems = Math.max(maxItems, b.ids.length);
        }
        float[] acc = new float[maxItems];
        for (ItemBlock b : itemBlocks) {
            int ni = b.ids.length;
            float[] q = b.byFactor;
            long[] itemIds = b.ids;
            for (int a = 0; a < nu; a++) {
                Arrays.fill(acc, 0, ni, 0f);
                int base = a * rank;
                for (int f = 0; f < rank; f++) {
                    float w = u.vectors[base + f];
                    int off = f * ni;
                    for (int j = 0; j < ni; j++) {
                        acc[j] += w * q[off + j];
                    }
                }
                TopKHeap heap = heaps[a];
                long[] seen = u.seen[a];
                for (int j = 0; j < ni; j++) {
                    double s = acc[j];
                    if (heap.accepts(s, itemIds[j]) && (seen.length == 0 || Arrays.binarySearch(seen, itemIds[j]) < 0)) {
                        heap.offer(s, itemIds[j]);
                    }
                }
            }
        }
        long[][] items = new long[nu][];
        double[][] scores = new double[nu][];
        for (int a = 0; a < nu; a++) {
            int n = heaps[a].size();
            items[a] = new long[n];
            scores[a] = new double[n];
            heaps[a].drainBestFirst(items[a], scores[a]);
        }
        return new Partial(u.ids, items, scores);
    }

    /** Merges two partial results for the same users (same order), keeping the best k per user. */
    static Partial merge(Partial x, Partial y, int k) {
        int nu = x.users.length;
        long[][] items = new long[nu][];
        double[][] scores = new double[nu][];
        for (int a = 0; a < nu; a++) {
            TopKHeap.Merged m = TopKHeap.mergeBestFirst(x.items[a], x.scores[a], y.items[a], y.scores[a], k);
            items[a] = m.items();
            scores[a] = m.scores();
        }
        return new Partial(x.users, items, scores);
    }
}
