package animerec.model.ease;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * The inverse of a dense symmetric positive definite matrix, in place, by the blocked sweep operator (block
 * Gauss–Jordan without pivoting, which is stable on SPD matrices). Each of the n/nb steps inverts one nb × nb
 * diagonal block with LAPACK {@code dpotrf}/{@code dpotri} (netlib's, which Spark MLlib already brings) and applies
 * one rank-nb update to the whole matrix: n³ flops in all (the update keeps the lower triangle only), nearly all of them in that update.
 *
 * <p>The update is our own kernel, not BLAS {@code dgemm}: netlib's Java dgemm (its Vector API kernels included)
 * was measured to swing between 1.5 and 40 GFLOP/s with the matrix size for this shape (n × n × 256), so a 6,901-item
 * inverse took 104 s and a 7,126-item one 20 s. The kernel tiles the rows in blocks of {@link #ROWS} (so the panel's
 * rows stay in cache), sums four panel columns per pass in loops the JIT vectorises, and runs the row blocks in
 * parallel (the common fork-join pool); every entry is computed in the same order whatever the threads, so the
 * result is deterministic.
 *
 * <p>The matrix is n × n, column-major; since it is symmetric, row-major input is the same array.
 */
public final class SpdInverse {
    static final int BLOCK = 256;
    static final int ROWS = 256;

    private SpdInverse() {
    }

    /** Replaces {@code a} (n × n, symmetric positive definite) by its inverse. */
    public static void invert(double[] a, int n) {
        if (a.length != (long) n * n) {
            throw new IllegalArgumentException("expected " + n + " x " + n + " values, got " + a.length);
        }
        double[] c = new double[n * Math.min(BLOCK, n)];
        double[] t = new double[n * Math.min(BLOCK, n)];
        double[] d = new double[Math.min(BLOCK, n) * Math.min(BLOCK, n)];
        double[] ct = new double[n * Math.min(BLOCK, n)];
        // only the lower triangle (row >= column) is kept up to date; the upper one is filled in at the end
        for (int k0 = 0; k0 < n; k0 += BLOCK) {
            int nb = Math.min(BLOCK, n - k0);
            // C = A[:, K] (n x nb), upper entries read from their lower mirror; D = inverse of A[K, K]
            for (int l = 0; l < nb; l++) {
                int k = k0 + l;
                for (int i = 0; i < k; i++) {
                    c[l * n + i] = a[i * n + k];
                }
                System.arraycopy(a, k * n + k, c, l * n + k, n - k);
            }
            for (int j = 0; j < nb; j++) {
                System.arraycopy(c, j * n + k0, d, j * nb, nb);
            }
            invertSmall(d, nb, k0);
            // T = C * D (n x nb); D is symmetric, so its column l is row l of the weights
            product(t, nb, c, d, n, nb, false, false);
            // A -= T * C^T on the lower triangle: the weights of output column j are row j of C, made contiguous
            for (int l = 0; l < nb; l++) {
                for (int j = 0; j < n; j++) {
                    ct[j * nb + l] = c[l * n + j];
                }
            }
            product(a, n, t, ct, n, nb, true, true);
            // the sweep on block K: A[:, K] = T, A[K, :] = T^T (its lower part: columns before K), A[K, K] = -D
            System.arraycopy(t, 0, a, k0 * n, n * nb);
            for (int j = 0; j < nb; j++) {
                for (int i = 0; i < k0; i++) {
                    a[i * n + k0 + j] = t[j * n + i];
                }
            }
            for (int j = 0; j < nb; j++) {
                for (int i = 0; i < nb; i++) {
                    a[(k0 + j) * n + k0 + i] = -d[j * nb + i];
                }
            }
        }
        // sweeping every pivot leaves -A^-1; negate, and mirror the lower triangle into the upper
        for (int j = 0; j < n; j++) {
            for (int i = j; i < n; i++) {
                double v = -a[j * n + i];
                a[j * n + i] = v;
                a[i * n + j] = v;
            }
        }
    }

    /**
     * out[i, j] = Σ_l x[i, l] · w[j, l] (or out[i, j] −= that sum, with {@code subtract}), for i &lt; n and j &lt; cols
     * (only i ≥ j with {@code lower}): out is n × cols and x is n × nb, both column-major with leading dimension n;
     * w is cols × nb, row-major.
     */
    static void product(double[] out, int cols, double[] x, double[] w, int n, int nb, boolean subtract, boolean lower) {
        int blocks = (n + ROWS - 1) / ROWS;
        java.util.stream.IntStream.range(0, blocks).parallel().forEach(b -> {
            int i0 = b * ROWS;
            int i1 = Math.min(n, i0 + ROWS);
            double[] acc = new double[i1 - i0];
            for (int j = 0; j < (lower ? Math.min(cols, i1) : cols); j++) {
                int from = lower ? Math.max(i0, j) : i0;
                java.util.Arrays.fill(acc, 0.0);
                int wj = j * nb;
                int l = 0;
                for (; l + 3 < nb; l += 4) {
                    double s0 = w[wj + l];
                    double s1 = w[wj + l + 1];
                    double s2 = w[wj + l + 2];
                    double s3 = w[wj + l + 3];
                    int x0 = l * n;
                    int x1 = x0 + n;
                    int x2 = x1 + n;
                    int x3 = x2 + n;
                    for (int i = from; i < i1; i++) {
                        acc[i - i0] += x[x0 + i] * s0 + x[x1 + i] * s1 + x[x2 + i] * s2 + x[x3 + i] * s3;
                    }
                }
                for (; l < nb; l++) {
                    double s0 = w[wj + l];
                    int x0 = l * n;
                    for (int i = from; i < i1; i++) {
                        acc[i - i0] += x[x0 + i] * s0;
                    }
                }
                int o = j * n;
                if (subtract) {
                    for (int i = from; i < i1; i++) {
                        out[o + i] -= acc[i - i0];
                    }
                } else {
                    for (int i = from; i < i1; i++) {
                        out[o + i] = acc[i - i0];
                    }
                }
            }
        });
    }

    /** Inverts the nb × nb SPD block {@code d} in place (full, both triangles). */
    private static void invertSmall(double[] d, int nb, int offset) {
        LAPACK lapack = LAPACK.getInstance();
        intW info = new intW(0);
        lapack.dpotrf("L", nb, d, nb, info);
        if (info.val == 0) {
            lapack.dpotri("L", nb, d, nb, info);
        }
        if (info.val != 0) {
            throw new ArithmeticException("the matrix is not positive definite (pivot " + (offset + info.val) + ")");
        }
        for (int j = 0; j < nb; j++) {
            for (int i = 0; i < j; i++) {
                d[j * nb + i] = d[i * nb + j]; // upper (i, j), i < j, from lower (j, i)
            }
        }
    }
}
