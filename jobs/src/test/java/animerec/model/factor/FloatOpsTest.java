package animerec.model.factor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Vector API path and the plain loops give the same bits, at every length and offset. */
class FloatOpsTest {
    @Test
    void theTestsRunTheVectorPath() {
        assertTrue(FloatOps.VECTOR, "the tests run with --add-modules=jdk.incubator.vector, so the vector path is the one tested");
    }

    @Test
    void vectorAndPlainLoopsAgreeToTheBit() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int n = 0; n <= 70; n++) {
            for (int trial = 0; trial < 5; trial++) {
                int aOff = rnd.nextInt(5);
                int bOff = rnd.nextInt(5);
                float[] a = new float[n + aOff];
                float[] b = new float[n + bOff];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) rnd.nextGaussian();
                }
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) rnd.nextGaussian();
                }
                assertEquals(Float.floatToRawIntBits(FloatOps.scalarDot(a, aOff, b, bOff, n)),
                        Float.floatToRawIntBits(VectorFloatOps.dot(a, aOff, b, bOff, n)), "dot, n " + n);
                float alpha = (float) rnd.nextGaussian();
                float[] y1 = b.clone();
                float[] y2 = b.clone();
                FloatOps.scalarAxpy(alpha, a, aOff, y1, bOff, n);
                VectorFloatOps.axpy(alpha, a, aOff, y2, bOff, n);
                assertArrayEquals(y1, y2, "axpy, n " + n);
                float err = (float) rnd.nextGaussian();
                float[] p1 = a.clone();
                float[] q1 = b.clone();
                float[] p2 = a.clone();
                float[] q2 = b.clone();
                FloatOps.scalarSgdStep(p1, aOff, q1, bOff, n, err, 0.01f, 0.02f, 0.03f, 0.04f);
                VectorFloatOps.sgdStep(p2, aOff, q2, bOff, n, err, 0.01f, 0.02f, 0.03f, 0.04f);
                assertArrayEquals(p1, p2, "sgdStep p, n " + n);
                assertArrayEquals(q1, q2, "sgdStep q, n " + n);
            }
        }
    }

    @Test
    void dotAndAxpyComputeWhatTheySay() {
        float[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        float[] b = {11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        assertEquals(286f, FloatOps.dot(a, 0, b, 0, 11));
        assertEquals(2 * 10 + 3 * 9 + 4 * 8, FloatOps.dot(a, 1, b, 1, 3));
        float[] y = {1, 1, 1, 1};
        FloatOps.axpy(2f, a, 1, y, 1, 3);
        assertArrayEquals(new float[] {1, 5, 7, 9}, y);
    }

    @Test
    void sgdStepMovesBothRowsFromTheirOldValues() {
        float[] p = {9, 1, 2, 9};
        float[] q = {4, -2};
        // err 2, lr 0.5 / 0.25, reg 0.1 / 0.2: p += 0.5 (2 q − 0.1 p), q += 0.25 (2 p_old − 0.2 q)
        FloatOps.sgdStep(p, 1, q, 0, 2, 2f, 0.5f, 0.1f, 0.25f, 0.2f);
        assertEquals(1 + 0.5f * (2 * 4 - 0.1f * 1), p[1], 1e-6);
        assertEquals(2 + 0.5f * (2 * -2 - 0.1f * 2), p[2], 1e-6);
        assertEquals(4 + 0.25f * (2 * 1 - 0.2f * 4), q[0], 1e-6);
        assertEquals(-2 + 0.25f * (2 * 2 - 0.2f * -2), q[1], 1e-6);
        assertEquals(9f, p[0]);
        assertEquals(9f, p[3]);
    }
}
