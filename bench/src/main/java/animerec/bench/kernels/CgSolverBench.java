package animerec.bench.kernels;

import animerec.model.als.CgSolver;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ALS least-squares step ({@link CgSolver}) on its own, one thread: a block of {@code entities} users with
 * {@code ratings} ratings each over 20,000 item rows, implicit mode, three CG steps, warm-started. One operation
 * is one block; the score in ops/s times entities × ratings is ratings solved per second. The floating-point
 * work of one CG solve is about 2·(steps + 1)·(2 n r + r²) + 2 n r (n ratings, rank r): printed by
 * {@link #main} as GFLOP/s next to JMH's table.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CgSolverBench {
    @Param({"20000"})
    public int items;

    @Param({"20", "64"})
    public int rank;

    @Param({"50"})
    public int ratings;

    @Param({"3"})
    public int steps;

    public int entities = 200;


    private float[] y;
    private float[] gram;
    private int[] cols;
    private float[] w;
    private float[] t;
    private float[] x;
    private float[] start;
    private CgSolver solver;

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(1);
        y = new float[items * rank];
        for (int a = 0; a < y.length; a++) {
            y[a] = (float) (rnd.nextGaussian() * 0.1);
        }
        gram = new float[rank * rank];
        for (int a = 0; a < items; a++) {
            for (int f = 0; f < rank; f++) {
                for (int h = 0; h < rank; h++) {
                    gram[f * rank + h] += y[a * rank + f] * y[a * rank + h];
                }
            }
        }
        int n = entities * ratings;
        cols = new int[n];
        w = new float[n];
        t = new float[n];
        for (int j = 0; j < n; j++) {
            cols[j] = rnd.nextInt(items);
            float r = 1 + rnd.nextInt(10);
            w[j] = 0.5f * r;
            t[j] = 1 + 0.5f * r;
        }
        start = new float[entities * rank];
        for (int a = 0; a < start.length; a++) {
            start[a] = (float) (rnd.nextGaussian() * 0.1);
        }
        x = start.clone();
        solver = new CgSolver(rank);
    }

    @Benchmark
    public float[] block() {
        System.arraycopy(start, 0, x, 0, x.length);
        for (int e = 0; e < entities; e++) {
            solver.solve(gram, 0.1f * ratings, y, cols, w, t, e * ratings, (e + 1) * ratings, x, e * rank, steps);
        }
        return x;
    }

    /** FLOP of one {@link #block} call, for GFLOP/s = ops/s × this / 1e9. */
    public static double flopPerBlock(int rank, int ratings, int steps, int entities) {
        double perSolve = 2.0 * (steps + 1) * (2.0 * ratings * rank + (double) rank * rank) + 2.0 * ratings * rank;
        return perSolve * entities;
    }
}
