package animerec.model.serving;

/** Solves A x = b for a symmetric positive definite A (n × n, row-major) by Cholesky factorisation. */
public final class Cholesky {
    private Cholesky() {
    }

    public static double[] solve(double[] a, double[] b, int n) {
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * n + j];
                for (int p = 0; p < j; p++) {
                    s -= l[i * n + p] * l[j * n + p];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new ArithmeticException("the matrix is not positive definite (pivot " + s + " at " + i + ")");
                    }
                    l[i * n + i] = Math.sqrt(s);
                } else {
                    l[i * n + j] = s / l[j * n + j];
                }
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int p = 0; p < i; p++) {
                s -= l[i * n + p] * y[p];
            }
            y[i] = s / l[i * n + i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int p = i + 1; p < n; p++) {
                s -= l[p * n + i] * x[p];
            }
            x[i] = s / l[i * n + i];
        }
        return x;
    }
}
