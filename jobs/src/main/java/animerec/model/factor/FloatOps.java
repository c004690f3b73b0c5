package animerec.model.factor;

/**
 * The float loops the factor kernels spend their time in (dot product, axpy, an SGD step on two rows), with the JDK Vector API when
 * it is there ({@code --add-modules=jdk.incubator.vector}, which scripts/animerec, scripts/submit and the tests
 * pass) and plain loops otherwise. Both ways give the same bits: the vector path uses 8-lane (256-bit) vectors,
 * a multiply then an add (no fused multiply-add), and sums its lanes in one fixed order; the plain path keeps eight
 * partial sums in exactly that arrangement. So a run is reproducible whichever path each machine of a cluster
 * takes, and on any x86 or ARM CPU with 256-bit vectors.
 */
public final class FloatOps {
    /** Whether the Vector API path is in use. */
    public static final boolean VECTOR = vectorAvailable();

    private FloatOps() {
    }

    private static boolean vectorAvailable() {
        if (Boolean.getBoolean("animerec.scalar")) {
            return false;
        }
        try {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                return false;
            }
            float[] a = new float[19];
            float[] b = new float[19];
            for (int i = 0; i < a.length; i++) {
                a[i] = 0.1f * i - 0.7f;
                b[i] = 1.3f - 0.05f * i * i;
            }
            return VectorFloatOps.dot(a, 0, b, 0, a.length) == scalarDot(a, 0, b, 0, a.length);
        } catch (LinkageError e) {
            return false;
        }
    }

    /** a[aOff..aOff+n) · b[bOff..bOff+n). */
    public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        return VECTOR ? VectorFloatOps.dot(a, aOff, b, bOff, n) : scalarDot(a, aOff, b, bOff, n);
    }

    /** y[yOff..yOff+n) += alpha · x[xOff..xOff+n). */
    public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        if (VECTOR) {
            VectorFloatOps.axpy(alpha, x, xOff, y, yOff, n);
        } else {
            scalarAxpy(alpha, x, xOff, y, yOff, n);
        }
    }

    /**
     * One SGD step on a pair of factor rows with prediction error {@code err} (Funk/Surprise rule, both rows from
     * their old values): p ← p + lrP·(err·q − regP·p), q ← q + lrQ·(err·p − regQ·q), elementwise.
     */
    public static void sgdStep(float[] p, int pOff, float[] q, int qOff, int n, float err, float lrP, float regP,
                               float lrQ, float regQ) {
        if (VECTOR) {
            VectorFloatOps.sgdStep(p, pOff, q, qOff, n, err, lrP, regP, lrQ, regQ);
        } else {
            scalarSgdStep(p, pOff, q, qOff, n, err, lrP, regP, lrQ, regQ);
        }
    }

    /** YᵀY of {@code rows} (rank k, row-major), in double, summed in row order; both triangles filled. */
    public static double[] gram(float[] rows, int k) {
        double[] g = new double[k * k];
        int n = k == 0 ? 0 : rows.length / k;
        for (int a = 0; a < n; a++) {
            int off = a * k;
            for (int f = 0; f < k; f++) {
                double yf = rows[off + f];
                for (int h = 0; h <= f; h++) {
                    g[f * k + h] += yf * rows[off + h];
                }
            }
        }
        for (int f = 0; f < k; f++) {
            for (int h = 0; h < f; h++) {
                g[h * k + f] = g[f * k + h];
            }
        }
        return g;
    }

    static float scalarDot(float[] a, int aOff, float[] b, int bOff, int n) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float s4 = 0f;
        float s5 = 0f;
        float s6 = 0f;
        float s7 = 0f;
        int f = 0;
        for (; f + 7 < n; f += 8) {
            s0 += a[aOff + f] * b[bOff + f];
            s1 += a[aOff + f + 1] * b[bOff + f + 1];
            s2 += a[aOff + f + 2] * b[bOff + f + 2];
            s3 += a[aOff + f + 3] * b[bOff + f + 3];
            s4 += a[aOff + f + 4] * b[bOff + f + 4];
            s5 += a[aOff + f + 5] * b[bOff + f + 5];
            s6 += a[aOff + f + 6] * b[bOff + f + 6];
            s7 += a[aOff + f + 7] * b[bOff + f + 7];
        }
        float s = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        for (; f < n; f++) {
            s += a[aOff + f] * b[bOff + f];
        }
        return s;
    }

    static void scalarSgdStep(float[] p, int pOff, float[] q, int qOff, int n, float err, float lrP, float regP,
                              float lrQ, float regQ) {
        for (int f = 0; f < n; f++) {
            float pf = p[pOff + f];
            float qf = q[qOff + f];
            p[pOff + f] = pf + lrP * (err * qf - regP * pf);
            q[qOff + f] = qf + lrQ * (err * pf - regQ * qf);
        }
    }

    static void scalarAxpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int f = 0; f < n; f++) {
            y[yOff + f] += alpha * x[xOff + f];
        }
    }
}
