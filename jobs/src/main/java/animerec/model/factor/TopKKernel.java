package animerec.model.factor;

import java.util.Arrays;

/**
 * The inner loop of top-K scoring: a block of users against a block of items, score = Σ_f u[f]·i[f], each user
 * keeping its best k unseen items in a {@link TopKHeap}.
 *
 * <p>It is a register-blocked matrix product, as in a BLAS sgemm: items are packed in panels of {@link #W} (16)
 * items, factor-major within a panel ({@link #pack}); users are taken {@link #MR} (4) at a time, so each step
 * over a factor loads two 8-float vectors of items and four user values and does 64 multiplies and 64 adds into
 * 8 vector accumulators held in registers. A panel stays in L1 while every user of the block passes over it.
 * Selection is fused: each user keeps a threshold (its heap's worst score once the heap is full), and a
 * 16-score tile is looked at item by item only when one of its scores reaches that threshold, which after
 * the first few panels is rare. So the result is exact, ties included.
 *
 * <p>Every score is accumulated in float, factor by factor, a multiply then an add (no fused multiply-add): the
 * same bits as {@code s += u[f] * v[f]} in a plain loop, on the vector path and on the plain one.
 */
public final class TopKKernel {
    /** Items per packed panel. */
    public static final int W = 16;
    /** Users per register block. */
    public static final int MR = 4;

    private TopKKernel() {
    }

    /** Length of the packed array for {@code n} items of {@code rank} factors. */
    public static int packedLength(int n, int rank) {
        return panels(n) * rank * W;
    }

    static int panels(int n) {
        return (n + W - 1) / W;
    }

    /** Packs item {@code j}'s vector {@code v} (length rank) into panel layout: packed[((j/W)·rank + f)·W + j%W]. */
    public static void pack(float[] packed, int j, float[] v, int rank) {
        int base = (j / W) * rank * W + j % W;
        for (int f = 0; f < rank; f++) {
            packed[base + f * W] = v[f];
        }
    }

    /** Rows needed for {@code n} users: n rounded up to a multiple of {@link #MR} (the extra rows stay zero). */
    public static int paddedUsers(int n) {
        return (n + MR - 1) / MR * MR;
    }

    /**
     * Offers every item of the packed block to every user's heap.
     *
     * @param users   user vectors row-major, {@link #paddedUsers}(nUsers) × rank (padding rows zero)
     * @param nUsers  real users (heaps.length)
     * @param packed  item vectors in panel layout ({@link #pack})
     * @param itemIds ids of the items, in packed order (its length is the item count)
     * @param seen    per user, sorted ids never recommended
     */
    public static void score(float[] users, int nUsers, int rank, float[] packed, long[] itemIds, TopKHeap[] heaps,
                             long[][] seen) {
        if (FloatOps.VECTOR) {
            VectorTopKKernel.score(users, nUsers, rank, packed, itemIds, heaps, seen);
        } else {
            scalarScore(users, nUsers, rank, packed, itemIds, heaps, seen);
        }
    }

    /** The same on plain loops, the same bits. */
    static void scalarScore(float[] users, int nUsers, int rank, float[] packed, long[] itemIds, TopKHeap[] heaps,
                            long[][] seen) {
        int ni = itemIds.length;
        float[] tile = new float[W];
        for (int p = 0, np = panels(ni); p < np; p++) {
            int pb = p * rank * W;
            int j0 = p * W;
            int valid = Math.min(W, ni - j0);
            for (int a = 0; a < nUsers; a++) {
                Arrays.fill(tile, 0f);
                int ub = a * rank;
                for (int f = 0; f < rank; f++) {
                    float w = users[ub + f];
                    int o = pb + f * W;
                    for (int l = 0; l < W; l++) {
                        tile[l] += w * packed[o + l];
                    }
                }
                offerTile(tile, 0, valid, itemIds, j0, heaps[a], seen[a], threshold(heaps[a]));
            }
        }
    }

    /**
     * Offers {@code valid} scores from tile[off..] (items j0, j0+1, …) to one user's heap, where {@code t} is the
     * heap's {@link #threshold}; a score below it cannot enter, and most scores of a tile are below it, so only
     * the others go to the heap. Returns the threshold after the offers.
     */
    static float offerTile(float[] tile, int off, int valid, long[] itemIds, int j0, TopKHeap heap, long[] seen, float t) {
        for (int l = 0; l < valid; l++) {
            float s = tile[off + l];
            if (s >= t || t == Float.NEGATIVE_INFINITY) {
                long id = itemIds[j0 + l];
                if (heap.accepts(s, id) && (seen.length == 0 || Arrays.binarySearch(seen, id) < 0)) {
                    heap.offer(s, id);
                    t = threshold(heap);
                }
            }
        }
        return t;
    }

    /** The score a tile must reach to be looked at: the heap's worst once full, else −∞ (look at everything). */
    static float threshold(TopKHeap heap) {
        return heap.full() ? (float) heap.minScore() : Float.NEGATIVE_INFINITY;
    }
}
