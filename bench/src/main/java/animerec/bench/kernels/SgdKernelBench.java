package animerec.bench.kernels;

import animerec.model.svd.SgdKernel;
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
 * svd's SGD loop ({@link SgdKernel}) on its own, one thread, on one DSGD block the size of the 10M benchmark's
 * at 2 strata: 100,000 users × 10,000 items, 50 ratings per user, visited tile by tile and user by user as
 * DsgdTrainer does.
 * One operation is one pass over the block; ops/s × {@link #RATINGS} is updates per second, and
 * {@link Main} prints it with the GFLOP/s of the 8k + 10 floating-point operations per rating.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SgdKernelBench {
    static final int USERS = 100_000;
    static final int PER_USER = 50;
    static final int RATINGS = USERS * PER_USER;

    @Param({"20", "100"})
    public int k;

    @Param({"10000"})
    public int items;

    /** Item tiles visited in turn (DsgdTrainer: about 1 MiB of item rows each; 1 at k=20, 4 at k=100). */
    @Param({"1"})
    public int tiles;

    /**
     * Users within a tile in a random order rather than in index order: what DsgdTrainer did before it
     * relabelled users once and visited them in sequence (about 1.3 times slower at k=100, as measured here).
     */
    @Param({"false"})
    public boolean randomUsers;

    private int[] segments;
    private int[] starts;
    private int[] us;
    private int[] is;
    private float[] rs;
    private float[] p;
    private float[] q;
    private float[] bu;
    private float[] bi;
    private int stride;

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(5);
        stride = SgdKernel.stride(k);
        p = new float[USERS * stride];
        q = new float[items * stride];
        for (int a = 0; a < USERS; a++) {
            for (int f = 0; f < k; f++) {
                p[a * stride + f] = (float) (0.1 * rnd.nextGaussian());
            }
        }
        for (int a = 0; a < items; a++) {
            for (int f = 0; f < k; f++) {
                q[a * stride + f] = (float) (0.1 * rnd.nextGaussian());
            }
        }
        bu = new float[USERS];
        bi = new float[items];
        us = new int[RATINGS];
        is = new int[RATINGS];
        rs = new float[RATINGS];
        for (int t = 0; t < RATINGS; t++) {
            us[t] = t / PER_USER;
            is[t] = rnd.nextInt(items);
            rs[t] = 1 + rnd.nextInt(5);
        }
        // tiles of items in turn; in each, users in a random order (or in index order), each user's ratings together
        int[] rank = new int[USERS];
        for (int a = 0; a < USERS; a++) {
            rank[a] = a;
        }
        if (randomUsers) {
            for (int a = USERS - 1; a > 0; a--) {
                int b = rnd.nextInt(a + 1);
                int x = rank[a];
                rank[a] = rank[b];
                rank[b] = x;
            }
        }
        long[] keys = new long[RATINGS];
        for (int t = 0; t < RATINGS; t++) {
            long tile = (long) is[t] * tiles / items;
            keys[t] = (tile << 50) | ((long) rank[us[t]] << 24) | t;
        }
        java.util.Arrays.sort(keys);
        int[] u2 = new int[RATINGS];
        int[] i2 = new int[RATINGS];
        float[] r2 = new float[RATINGS];
        java.util.List<Integer> st = new java.util.ArrayList<>();
        for (int x = 0; x < RATINGS; x++) {
            int t = (int) (keys[x] & 0xFFFFFF);
            u2[x] = us[t];
            i2[x] = is[t];
            r2[x] = rs[t];
            if (x == 0 || (keys[x] >>> 24) != (keys[x - 1] >>> 24)) {
                st.add(x);
            }
        }
        st.add(RATINGS);
        us = u2;
        is = i2;
        rs = r2;
        starts = st.stream().mapToInt(Integer::intValue).toArray();
        segments = new int[starts.length - 1];
        for (int g = 0; g < segments.length; g++) {
            segments[g] = g;
        }
    }

    @Benchmark
    public float[] block() {
        SgdKernel.run(segments, starts, us, is, rs, p, bu, q, bi, stride, 3f, true, 0.005f, 0.005f, 0.005f, 0.005f,
                0.02f, 0.02f, 0.02f, 0.02f);
        return p;
    }

    /** FLOP per rating: dot 2k, error and biases 10, the two-row step 6k (counted on k, not the padding). */
    public static double flopPerRating(int k) {
        return 8.0 * k + 10;
    }
}
