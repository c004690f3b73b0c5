package animerec.model.factor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TopKKernel} on the JDK Vector API; loaded only when the module is there. The threshold tests are written
 * in the loop itself and a tile leaves the registers (into {@code tile}) only when one passes: a call taking the
 * vectors as arguments is not always inlined, and then each vector is boxed (JDK 17: a third of the time at rank 20).
 */
final class VectorTopKKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final int W = TopKKernel.W;

    private VectorTopKKernel() {
    }

    static void score(float[] users, int nUsers, int rank, float[] packed, long[] itemIds, TopKHeap[] heaps,
                      long[][] seen) {
        int ni = itemIds.length;
        int nPadded = TopKKernel.paddedUsers(nUsers);
        float[] thr = new float[nPadded];
        for (int a = 0; a < nPadded; a++) {
            // a padding row never passes; a heap not yet full takes everything
            thr[a] = a < nUsers ? TopKKernel.threshold(heaps[a]) : Float.POSITIVE_INFINITY;
        }
        float[] tile = new float[TopKKernel.MR * W];
        for (int p = 0, np = TopKKernel.panels(ni); p < np; p++) {
            int pb = p * rank * W;
            int j0 = p * W;
            int valid = Math.min(W, ni - j0);
            for (int a = 0; a < nPadded; a += TopKKernel.MR) {
                int u0 = a * rank;
                int u1 = u0 + rank;
                int u2 = u1 + rank;
                int u3 = u2 + rank;
                FloatVector c00 = FloatVector.zero(S);
                FloatVector c01 = c00;
                FloatVector c10 = c00;
                FloatVector c11 = c00;
                FloatVector c20 = c00;
                FloatVector c21 = c00;
                FloatVector c30 = c00;
                FloatVector c31 = c00;
                for (int f = 0, o = pb; f < rank; f++, o += W) {
                    FloatVector v0 = FloatVector.fromArray(S, packed, o);
                    FloatVector v1 = FloatVector.fromArray(S, packed, o + 8);
                    FloatVector b = FloatVector.broadcast(S, users[u0 + f]);
                    c00 = c00.add(b.mul(v0));
                    c01 = c01.add(b.mul(v1));
                    b = FloatVector.broadcast(S, users[u1 + f]);
                    c10 = c10.add(b.mul(v0));
                    c11 = c11.add(b.mul(v1));
                    b = FloatVector.broadcast(S, users[u2 + f]);
                    c20 = c20.add(b.mul(v0));
                    c21 = c21.add(b.mul(v1));
                    b = FloatVector.broadcast(S, users[u3 + f]);
                    c30 = c30.add(b.mul(v0));
                    c31 = c31.add(b.mul(v1));
                }
                float t0 = thr[a];
                float t1 = thr[a + 1];
                float t2 = thr[a + 2];
                float t3 = thr[a + 3];
                int hit = 0;
                if (t0 == Float.NEGATIVE_INFINITY || c00.max(c01).compare(VectorOperators.GE, t0).anyTrue()) {
                    hit |= 1;
                }
                if (t1 == Float.NEGATIVE_INFINITY || c10.max(c11).compare(VectorOperators.GE, t1).anyTrue()) {
                    hit |= 2;
                }
                if (t2 == Float.NEGATIVE_INFINITY || c20.max(c21).compare(VectorOperators.GE, t2).anyTrue()) {
                    hit |= 4;
                }
                if (t3 == Float.NEGATIVE_INFINITY || c30.max(c31).compare(VectorOperators.GE, t3).anyTrue()) {
                    hit |= 8;
                }
                if (hit != 0) {
                    c00.intoArray(tile, 0);
                    c01.intoArray(tile, 8);
                    c10.intoArray(tile, 16);
                    c11.intoArray(tile, 24);
                    c20.intoArray(tile, 32);
                    c21.intoArray(tile, 40);
                    c30.intoArray(tile, 48);
                    c31.intoArray(tile, 56);
                    offer(hit, a, nUsers, tile, valid, itemIds, j0, heaps, seen, thr);
                }
            }
        }
    }

    /** Offers the tile rows flagged in {@code hit} (bit r: user a + r) and refreshes their thresholds. */
    private static void offer(int hit, int a, int nUsers, float[] tile, int valid, long[] itemIds, int j0,
                              TopKHeap[] heaps, long[][] seen, float[] thr) {
        for (int r = 0; r < TopKKernel.MR; r++) {
            int user = a + r;
            if ((hit & (1 << r)) != 0 && user < nUsers) {
                thr[user] = TopKKernel.offerTile(tile, r * W, valid, itemIds, j0, heaps[user], seen[user], thr[user]);
            }
        }
    }
}
