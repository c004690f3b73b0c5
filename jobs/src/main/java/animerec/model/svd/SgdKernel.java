package animerec.model.svd;

import animerec.model.factor.FloatOps;

/**
 * The SGD loop of {@code svd} over one block of ratings (Surprise's update rule for biased matrix factorisation),
 * on primitive arrays, with the dot product and the two-row update on {@link FloatOps}'s 8-lane vectors.
 *
 * <p>Factor rows are {@link #stride(int)} floats apart: k rounded up to whole vectors, the padding zero. The
 * padding stays zero (its gradient is zero), adds nothing to a dot product, and lets every row be whole vectors
 * with no scalar tail. Same inputs give the same bits on the vector path and on plain loops.
 */
public final class SgdKernel {
    private SgdKernel() {
    }

    /** The row length of factor arrays for k factors: k rounded up to a multiple of 8. */
    public static int stride(int k) {
        return (k + 7) & ~7;
    }

    /**
     * Visits the segments {@code segments[0..)} in turn, and in segment g the ratings t = starts[g] … starts[g+1]−1
     * in order (DsgdTrainer's segments are users, so a user's row stays in cache and the rating arrays are read
     * in sequence); rating t is user {@code us[t]}, item {@code is[t]}, value {@code rs[t]}.
     * For each: err = r − (μ + b_u + b_i + p_u·q_i) (or r − p_u·q_i when not biased), then
     * b_u += lrBu (err − regBu b_u), b_i likewise, and p_u, q_i by {@link FloatOps#sgdStep}.
     *
     * @param p user rows, {@code stride} floats each; {@code q} item rows likewise
     */
    public static void run(int[] segments, int[] starts, int[] us, int[] is, float[] rs, float[] p, float[] bu,
                           float[] q, float[] bi, int stride, float mu, boolean biased, float lrBu, float lrBi,
                           float lrPu, float lrQi, float regBu, float regBi, float regPu, float regQi) {
        for (int g : segments) {
            for (int t = starts[g], end = starts[g + 1]; t < end; t++) {
                step(t, us, is, rs, p, bu, q, bi, stride, mu, biased, lrBu, lrBi, lrPu, lrQi, regBu, regBi, regPu, regQi);
            }
        }
    }

    private static void step(int t, int[] us, int[] is, float[] rs, float[] p, float[] bu, float[] q, float[] bi,
                             int stride, float mu, boolean biased, float lrBu, float lrBi, float lrPu, float lrQi,
                             float regBu, float regBi, float regPu, float regQi) {
        int u = us[t];
        int i = is[t];
        int pu = u * stride;
        int qi = i * stride;
        float dot = FloatOps.dot(p, pu, q, qi, stride);
        float err;
        if (biased) {
            err = rs[t] - (mu + bu[u] + bi[i] + dot);
            bu[u] += lrBu * (err - regBu * bu[u]);
            bi[i] += lrBi * (err - regBi * bi[i]);
        } else {
            err = rs[t] - dot;
        }
        FloatOps.sgdStep(p, pu, q, qi, stride, err, lrPu, regPu, lrQi, regQi);
    }
}
