package animerec.model.als;

import animerec.model.factor.FloatOps;

/**
 * The least-squares step of alternating least squares for one user (or item): finds x minimising
 * Σ_j w'_j (t_j/w'_j − x·y_j)² + λ‖x‖² in the form of its normal equations
 * <pre>
 *   (G + λ I + Σ_j w_j y_j y_jᵀ) x = Σ_j t_j y_j
 * </pre>
 * where the y_j are the rows of the other side that this entity rated. Implicit feedback (Hu, Koren and Volinsky)
 * has G = YᵀY over every row of the other side, w_j = α r_j and t_j = 1 + α r_j; explicit ratings have G = 0,
 * w_j = 1 and t_j = r_j.
 *
 * <p>{@code steps > 0} runs that many conjugate-gradient steps from the current x (Takács, Pilászy and Tikk, 2011;
 * the {@code implicit} library's solver): one pass over the rated rows for the residual and one per step, each
 * O(n·r + r²) for n ratings at rank r, never forming the r × r matrix. {@code steps == 0} forms it and solves exactly by Cholesky, O(n·r² + r³). Every sum runs in one fixed
 * order, so the same inputs give the same bits. One instance per thread: it owns its scratch arrays.
 *
 * <p>The loops are {@link FloatOps}: the JDK Vector API when it is there, plain loops with the same bits otherwise.
 */
public final class CgSolver {
    private final int rank;
    private final float[] residual;
    private final float[] direction;
    private final float[] product;
    private final double[] matrix;
    private final double[] rhs;

    public CgSolver(int rank) {
        this.rank = rank;
        this.residual = new float[rank];
        this.direction = new float[rank];
        this.product = new float[rank];
        this.matrix = new double[rank * rank];
        this.rhs = new double[rank];
    }

    /**
     * Updates x in place.
     *
     * @param gram   G, rank × rank row-major (symmetric), or null for none
     * @param lambda λ, already scaled as the caller wants (MLlib's convention: reg_param × n)
     * @param y      the other side's rows, packed: row c at c × rank
     * @param cols   the rows this entity rated, {@code cols[from..to)}
     * @param w      their weights w_j, at the same positions
     * @param t      their targets t_j, at the same positions
     * @param x      the solution, at {@code x[xOff..xOff+rank)}; the start for conjugate gradient
     */
    public void solve(float[] gram, float lambda, float[] y, int[] cols, float[] w, float[] t, int from, int to,
                      float[] x, int xOff, int steps) {
        if (steps == 0) {
            exact(gram, lambda, y, cols, w, t, from, to, x, xOff);
            return;
        }
        int k = rank;
        float[] r = residual;
        float[] p = direction;
        float[] ap = product;
        // r = b − A x = Σ_j (t_j − w_j y_j·x) y_j − (G + λ I) x in one pass over the rated rows, as implicit's solver
        // computes it (b and A x apart took two): each pass reads rows scattered over the other side, the costly part
        for (int f = 0; f < k; f++) {
            r[f] = -lambda * x[xOff + f];
        }
        if (gram != null) {
            for (int h = 0; h < k; h++) {
                FloatOps.axpy(-x[xOff + h], gram, h * k, r, 0, k); // G is symmetric: its row h is its column h
            }
        }
        for (int j = from; j < to; j++) {
            int off = cols[j] * k;
            FloatOps.axpy(t[j] - w[j] * FloatOps.dot(y, off, x, xOff, k), y, off, r, 0, k);
        }
        System.arraycopy(r, 0, p, 0, k);
        float rs = FloatOps.dot(r, 0, r, 0, k);
        for (int s = 0; s < steps && rs > 1e-20f; s++) {
            multiply(gram, lambda, y, cols, w, from, to, p, 0, ap);
            float pap = FloatOps.dot(p, 0, ap, 0, k);
            if (!(pap > 0f)) {
                break;
            }
            float a = rs / pap;
            for (int f = 0; f < k; f++) {
                x[xOff + f] += a * p[f];
                r[f] -= a * ap[f];
            }
            float next = FloatOps.dot(r, 0, r, 0, k);
            float beta = next / rs;
            for (int f = 0; f < k; f++) {
                p[f] = r[f] + beta * p[f];
            }
            rs = next;
        }
    }

    /** out = (G + λ I + Σ_j w_j y_j y_jᵀ) v, without forming the matrix. */
    private void multiply(float[] gram, float lambda, float[] y, int[] cols, float[] w, int from, int to,
                          float[] v, int vOff, float[] out) {
        int k = rank;
        for (int f = 0; f < k; f++) {
            out[f] = lambda * v[vOff + f];
        }
        if (gram != null) {
            for (int h = 0; h < k; h++) {
                FloatOps.axpy(v[vOff + h], gram, h * k, out, 0, k); // G is symmetric: its row h is its column h
            }
        }
        for (int j = from; j < to; j++) {
            int off = cols[j] * k;
            FloatOps.axpy(w[j] * FloatOps.dot(y, off, v, vOff, k), y, off, out, 0, k);
        }
    }

    private void exact(float[] gram, float lambda, float[] y, int[] cols, float[] w, float[] t, int from, int to,
                       float[] x, int xOff) {
        int k = rank;
        double[] a = matrix;
        double[] b = rhs;
        java.util.Arrays.fill(b, 0);
        for (int f = 0; f < k; f++) {
            for (int h = 0; h < k; h++) {
                a[f * k + h] = gram == null ? 0 : gram[f * k + h];
            }
            a[f * k + f] += lambda;
        }
        for (int j = from; j < to; j++) {
            int off = cols[j] * k;
            double wj = w[j];
            double tj = t[j];
            for (int f = 0; f < k; f++) {
                double yf = y[off + f];
                b[f] += tj * yf;
                double s = wj * yf;
                for (int h = 0; h <= f; h++) {
                    a[f * k + h] += s * y[off + h];
                }
            }
        }
        for (int f = 0; f < k; f++) {
            for (int h = f + 1; h < k; h++) {
                a[f * k + h] = a[h * k + f];
            }
        }
        double[] solution = animerec.model.serving.Cholesky.solve(a, b, k);
        for (int f = 0; f < k; f++) {
            x[xOff + f] = (float) solution[f];
        }
    }
}
