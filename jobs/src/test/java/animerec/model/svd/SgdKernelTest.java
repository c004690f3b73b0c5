package animerec.model.svd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The SGD loop against a plain double-precision transcription of the update rule, and its zero padding. */
class SgdKernelTest {
    @Test
    void strideRoundsUpToWholeVectors() {
        assertEquals(8, SgdKernel.stride(1));
        assertEquals(8, SgdKernel.stride(8));
        assertEquals(24, SgdKernel.stride(20));
        assertEquals(104, SgdKernel.stride(100));
        assertEquals(0, SgdKernel.stride(0));
    }

    @Test
    void oneRatingMovesBiasesAndBothRowsByTheRule() {
        int k = 3;
        int st = SgdKernel.stride(k);
        float[] p = new float[2 * st];
        float[] q = new float[st];
        p[st] = 0.5f;
        p[st + 1] = -1f;
        p[st + 2] = 2f;
        q[0] = 1f;
        q[1] = 0.25f;
        q[2] = -0.5f;
        float[] bu = {0f, 0.2f};
        float[] bi = {-0.1f};
        SgdKernel.run(new int[] {0}, new int[] {0, 1}, new int[] {1}, new int[] {0}, new float[] {4f}, p, bu, q, bi, st, 3f, true,
                0.1f, 0.2f, 0.3f, 0.4f, 0.01f, 0.02f, 0.03f, 0.04f);
        // dot = 0.5 − 0.25 − 1 = −0.75; err = 4 − (3 + 0.2 − 0.1 − 0.75) = 1.65
        double err = 1.65;
        assertEquals(0.2 + 0.1 * (err - 0.01 * 0.2), bu[1], 1e-6);
        assertEquals(-0.1 + 0.2 * (err + 0.02 * 0.1), bi[0], 1e-6);
        assertEquals(0.5 + 0.3 * (err * 1 - 0.03 * 0.5), p[st], 1e-6);
        assertEquals(2 + 0.3 * (err * -0.5 - 0.03 * 2), p[st + 2], 1e-6);
        assertEquals(1 + 0.4 * (err * 0.5 - 0.04 * 1), q[0], 1e-6);
        assertEquals(-0.5 + 0.4 * (err * 2 + 0.04 * 0.5), q[2], 1e-6);
        assertEquals(0f, bu[0]);
        for (int f = 0; f < st; f++) {
            assertEquals(0f, p[f], "user 0 untouched");
        }
    }

    @Test
    void manyRatingsMatchTheRuleInDoublesAndThePaddingStaysZero() {
        for (int k : new int[] {1, 7, 8, 20, 33}) {
            for (boolean biased : new boolean[] {true, false}) {
                check(k, biased);
            }
        }
    }

    private static void check(int k, boolean biased) {
        SplittableRandom rnd = new SplittableRandom(11 + k);
        int users = 30;
        int items = 20;
        int n = 400;
        int st = SgdKernel.stride(k);
        float[] p = new float[users * st];
        float[] q = new float[items * st];
        double[] pd = new double[users * k];
        double[] qd = new double[items * k];
        for (int a = 0; a < users; a++) {
            for (int f = 0; f < k; f++) {
                p[a * st + f] = (float) (0.1 * rnd.nextGaussian());
                pd[a * k + f] = p[a * st + f];
            }
        }
        for (int a = 0; a < items; a++) {
            for (int f = 0; f < k; f++) {
                q[a * st + f] = (float) (0.1 * rnd.nextGaussian());
                qd[a * k + f] = q[a * st + f];
            }
        }
        int[] us = new int[n];
        int[] is = new int[n];
        float[] rs = new float[n];
        for (int t = 0; t < n; t++) {
            us[t] = rnd.nextInt(users);
            is[t] = rnd.nextInt(items);
            rs[t] = 1 + rnd.nextInt(5);
        }
        // segments of 1 to 9 ratings, visited last to first: the ratings in order within each
        List<Integer> cuts = new ArrayList<>(List.of(0));
        while (cuts.get(cuts.size() - 1) < n) {
            cuts.add(Math.min(n, cuts.get(cuts.size() - 1) + 1 + rnd.nextInt(9)));
        }
        int[] starts = cuts.stream().mapToInt(Integer::intValue).toArray();
        int[] segments = new int[starts.length - 1];
        List<Integer> order = new ArrayList<>();
        for (int g = 0; g < segments.length; g++) {
            segments[g] = segments.length - 1 - g;
            for (int t = starts[segments[g]]; t < starts[segments[g] + 1]; t++) {
                order.add(t);
            }
        }
        float[] bu = new float[users];
        float[] bi = new float[items];
        double[] bud = new double[users];
        double[] bid = new double[items];
        float mu = 3f;
        float lr = 0.01f;
        float reg = 0.02f;
        SgdKernel.run(segments, starts, us, is, rs, p, bu, q, bi, st, mu, biased, lr, lr, lr, lr, reg, reg, reg, reg);
        for (int t : order) {
            int u = us[t];
            int i = is[t];
            double dot = 0;
            for (int f = 0; f < k; f++) {
                dot += pd[u * k + f] * qd[i * k + f];
            }
            double err = biased ? rs[t] - (mu + bud[u] + bid[i] + dot) : rs[t] - dot;
            if (biased) {
                bud[u] += lr * (err - reg * bud[u]);
                bid[i] += lr * (err - reg * bid[i]);
            }
            for (int f = 0; f < k; f++) {
                double pf = pd[u * k + f];
                double qf = qd[i * k + f];
                pd[u * k + f] = pf + lr * (err * qf - reg * pf);
                qd[i * k + f] = qf + lr * (err * pf - reg * qf);
            }
        }
        for (int a = 0; a < users; a++) {
            assertEquals(bud[a], bu[a], 1e-4, "b_u " + a);
            for (int f = 0; f < st; f++) {
                assertEquals(f < k ? pd[a * k + f] : 0, p[a * st + f], 1e-4, "k " + k + " p " + a + "," + f);
            }
        }
        for (int a = 0; a < items; a++) {
            assertEquals(bid[a], bi[a], 1e-4, "b_i " + a);
            for (int f = 0; f < st; f++) {
                assertEquals(f < k ? qd[a * k + f] : 0, q[a * st + f], 1e-4, "k " + k + " q " + a + "," + f);
            }
        }
    }
}
