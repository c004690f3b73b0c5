package animerec.model.als;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The least-squares step on its own: the exact solve against the normal equations, and CG converging to it. */
class CgSolverTest {
    private static final int K = 6;
    private static final int ROWS = 40;

    /** A problem: the other side's rows, this entity's 9 ratings of them, and a Gram matrix of all rows. */
    private record Problem(float[] y, int[] cols, float[] w, float[] t, float[] gram) {
    }

    private static Problem problem(long seed, boolean implicit) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] y = new float[ROWS * K];
        for (int a = 0; a < y.length; a++) {
            y[a] = (float) (rnd.nextDouble() - 0.5);
        }
        int[] cols = {1, 4, 7, 9, 15, 22, 30, 31, 38};
        float[] w = new float[cols.length];
        float[] t = new float[cols.length];
        for (int j = 0; j < cols.length; j++) {
            float r = 1 + rnd.nextInt(10);
            w[j] = implicit ? 0.5f * r : 1f;
            t[j] = implicit ? 1 + 0.5f * r : r;
        }
        float[] gram = null;
        if (implicit) {
            gram = new float[K * K];
            for (int a = 0; a < ROWS; a++) {
                for (int f = 0; f < K; f++) {
                    for (int h = 0; h < K; h++) {
                        gram[f * K + h] += y[a * K + f] * y[a * K + h];
                    }
                }
            }
        }
        return new Problem(y, cols, w, t, gram);
    }

    /** (A x − b) for the problem's normal equations, in double. */
    private static double[] residual(Problem p, float lambda, float[] x) {
        double[] out = new double[K];
        for (int f = 0; f < K; f++) {
            out[f] = lambda * x[f];
            if (p.gram() != null) {
                for (int h = 0; h < K; h++) {
                    out[f] += p.gram()[f * K + h] * x[h];
                }
            }
        }
        for (int j = 0; j < p.cols().length; j++) {
            int off = p.cols()[j] * K;
            double dot = 0;
            for (int h = 0; h < K; h++) {
                dot += p.y()[off + h] * (double) x[h];
            }
            for (int f = 0; f < K; f++) {
                out[f] += (p.w()[j] * dot - p.t()[j]) * p.y()[off + f];
            }
        }
        return out;
    }

    /** ½ xᵀA x − bᵀx, which every CG step lowers (the residual's norm need not fall monotonically). */
    private static double objective(Problem p, float lambda, float[] x) {
        double[] res = residual(p, lambda, x);
        double[] minusB = residual(p, lambda, new float[K]);
        double f = 0;
        for (int a = 0; a < K; a++) {
            f += 0.5 * x[a] * res[a] + 0.5 * x[a] * minusB[a];
        }
        return f;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    @Test
    void theExactSolveSatisfiesTheNormalEquations() {
        for (boolean implicit : new boolean[] {true, false}) {
            Problem p = problem(3, implicit);
            float[] x = new float[K];
            new CgSolver(K).solve(p.gram(), 0.7f, p.y(), p.cols(), p.w(), p.t(), 0, p.cols().length, x, 0, 0);
            double scale = norm(residual(p, 0.7f, new float[K])); // ‖b‖
            assertTrue(norm(residual(p, 0.7f, x)) < 1e-5 * scale, "implicit " + implicit + ": residual " + norm(residual(p, 0.7f, x)));
        }
    }

    @Test
    void conjugateGradientLowersTheObjectiveEachStepAndReachesTheExactSolutionInRankSteps() {
        for (boolean implicit : new boolean[] {true, false}) {
            Problem p = problem(5, implicit);
            float[] exact = new float[K];
            new CgSolver(K).solve(p.gram(), 0.7f, p.y(), p.cols(), p.w(), p.t(), 0, p.cols().length, exact, 0, 0);
            double previous = Double.MAX_VALUE;
            for (int steps = 1; steps <= K; steps++) {
                float[] x = new float[K];
                new CgSolver(K).solve(p.gram(), 0.7f, p.y(), p.cols(), p.w(), p.t(), 0, p.cols().length, x, 0, steps);
                double r = objective(p, 0.7f, x);
                // lower at every step, up to float rounding once it is at the minimum
                assertTrue(r < previous + 1e-6 * Math.abs(previous), "implicit " + implicit + ", " + steps + " steps: objective " + r + " after " + previous);
                previous = r;
                if (steps == K) {
                    assertArrayEquals(exact, x, 1e-4f, "implicit " + implicit + ": CG in rank steps is the exact solution");
                }
            }
        }
    }

    @Test
    void aWarmStartAtTheSolutionStaysThereAndOnlyTheGivenRangeOfRatingsCounts() {
        Problem p = problem(7, true);
        float[] x = new float[2 * K];
        CgSolver solver = new CgSolver(K);
        // solve for ratings 2..6 only, into the second slot
        solver.solve(p.gram(), 1.1f, p.y(), p.cols(), p.w(), p.t(), 2, 6, x, K, 0);
        float[] solution = java.util.Arrays.copyOfRange(x, K, 2 * K);
        solver.solve(p.gram(), 1.1f, p.y(), p.cols(), p.w(), p.t(), 2, 6, x, K, 3);
        assertArrayEquals(solution, java.util.Arrays.copyOfRange(x, K, 2 * K), 1e-5f);
        assertArrayEquals(new float[K], java.util.Arrays.copyOfRange(x, 0, K), "the first slot is untouched");
        Problem sub = new Problem(p.y(), java.util.Arrays.copyOfRange(p.cols(), 2, 6), java.util.Arrays.copyOfRange(p.w(), 2, 6),
                java.util.Arrays.copyOfRange(p.t(), 2, 6), p.gram());
        assertTrue(norm(residual(sub, 1.1f, solution)) < 1e-4, "the range's own normal equations hold");
    }
}
