package animerec.model.factor;

import java.io.Serializable;

/** Dense blocks of factor vectors, the unit the blocked scorer multiplies. */
final class FactorBlocks {
    private FactorBlocks() {
    }

    /**
     * Users of one block: ids, vectors row-major ({@link TopKKernel#paddedUsers}(n) × rank, the padding rows zero),
     * and each user's seen items, sorted.
     */
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

    /** Items of one block: ids and vectors in {@link TopKKernel}'s panel layout ({@link TopKKernel#pack}). */
    static final class ItemBlock implements Serializable {
        private static final long serialVersionUID = 1L;
        final long[] ids;
        final float[] packed;

        ItemBlock(long[] ids, float[] packed) {
            this.ids = ids;
            this.packed = packed;
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
     * top {@code k} unseen items per user ({@link TopKKernel}: score = Σ_f u[f]·i[f], accumulated in float in
     * factor order, the order a brute-force loop uses).
     */
    static Partial score(UserBlock u, ItemBlock[] itemBlocks, int rank, int k) {
        int nu = u.ids.length;
        TopKHeap[] heaps = new TopKHeap[nu];
        for (int a = 0; a < nu; a++) {
            heaps[a] = new TopKHeap(k);
        }
        for (ItemBlock b : itemBlocks) {
            TopKKernel.score(u.vectors, nu, rank, b.packed, b.ids, heaps, u.seen);
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
