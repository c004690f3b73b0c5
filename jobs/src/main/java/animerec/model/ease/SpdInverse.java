package animerec.model.ease;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * The inverse of a dense symmetric positive definite matrix, in place, by the blocked sweep operator (block
 * Gauss–Jordan without pivoting, which is stable on SPD matrices). Each of the n/nb steps inverts one nb × nb
 * diagonal block (LAPACK {@code dpotrf}/{@code dpotri}) and applies one rank-nb update to the whole matrix with
 * BLAS {@code dgemm}: 2n³ flops in all, nearly all of them in dgemm. The BLAS and LAPACK are netlib's
 * (dev.ludovic.netlib, which Spark MLlib already brings): a native library when the machine has one, else its
 * JDK Vector API kernels when the JVM has {@code --add-modules=jdk.incubator.vector} (the launcher passes it;
 * about 40 GFLOP/s on one core here for this shape), else plain Java (about 13). One thread: splitting the update
 * by columns or rows over two threads was measured slower with the Vector API kernels, whose fast path is the
 * full-width product.
 *
 * <p>The matrix is n × n, column-major; since it is symmetric, row-major input is the same array.
 */
public final class SpdInverse {
    static final int BLOCK = 256;

    private SpdInverse() {
    }

    /** Replaces {@code a} (n × n, symmetric positive definite) by its inverse. */
    public static void invert(double[] a, int n) {
        if (a.length != (long) n * n) {
            throw new IllegalArgumentException("expected " + n + " x " + n + " values, got " + a.length);
        }
        BLAS blas = BLAS.getInstance();
        double[] c = new double[n * Math.min(BLOCK, n)];
        double[] t = new double[n * Math.min(BLOCK, n)];
        double[] d = new double[Math.min(BLOCK, n) * Math.min(BLOCK, n)];
        for (int k0 = 0; k0 < n; k0 += BLOCK) {
            int nb = Math.min(BLOCK, n - k0);
            // C = A[:, K] (n x nb); D = inverse of A[K, K]
            System.arraycopy(a, k0 * n, c, 0, n * nb);
            for (int j = 0; j < nb; j++) {
                System.arraycopy(a, (k0 + j) * n + k0, d, j * nb, nb);
            }
            invertSmall(d, nb, k0);
            // T = C * D (n x nb)
            blas.dgemm("N", "N", n, nb, nb, 1.0, c, 0, n, d, 0, nb, 0.0, t, 0, n);
            // A -= T * C^T
            blas.dgemm("N", "T", n, n, nb, -1.0, t, 0, n, c, 0, n, 1.0, a, 0, n);
            // A[:, K] = T, A[K, :] = T^T, A[K, K] = -D: the sweep on block K
            System.arraycopy(t, 0, a, k0 * n, n * nb);
            for (int j = 0; j < nb; j++) {
                for (int i = 0; i < n; i++) {
                    a[i * n + k0 + j] = t[j * n + i];
                }
            }
            for (int j = 0; j < nb; j++) {
                for (int i = 0; i < nb; i++) {
                    a[(k0 + j) * n + k0 + i] = -d[j * nb + i];
                }
            }
        }
        // sweeping every pivot leaves -A^-1
        for (int i = 0; i < a.length; i++) {
            a[i] = -a[i];
        }
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
