package animerec.bench.kernels;

import animerec.model.factor.TopKHeap;
import animerec.model.factor.TopKKernel;
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
 * Top-K scoring's kernel ({@link TopKKernel}) on its own, one thread: one user block of BlockedTopKScorer's
 * default size (1,024 users) against 20,000 items in its default item blocks of 4,096, top-10 per user, Gaussian
 * factors, nothing seen. One operation is that whole block; {@link Main} prints GFLOP/s counting the
 * 2 · users · items · rank of the product (the selection is not counted as work).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TopKKernelBench {
    static final int USERS = 1024;
    static final int ITEMS = 20_000;
    static final int ITEM_BLOCK = 4096;
    static final int K = 10;

    @Param({"20", "64"})
    public int rank;

    private float[] users;
    private float[][] packed;
    private long[][] ids;
    private long[][] seen;

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(5);
        users = new float[TopKKernel.paddedUsers(USERS) * rank];
        for (int i = 0; i < USERS * rank; i++) {
            users[i] = (float) rnd.nextGaussian();
        }
        float[][] all = new float[ITEMS][rank];
        for (float[] row : all) {
            for (int f = 0; f < rank; f++) {
                row[f] = (float) rnd.nextGaussian();
            }
        }
        // The scorer packs each block's items by norm, largest first (thresholds rise early); so does the bench.
        java.util.Arrays.sort(all, java.util.Comparator.comparingDouble(r -> {
            double n = 0;
            for (float x : r) {
                n += x * x;
            }
            return -n;
        }));
        int blocks = (ITEMS + ITEM_BLOCK - 1) / ITEM_BLOCK;
        packed = new float[blocks][];
        ids = new long[blocks][];
        for (int b = 0; b < blocks; b++) {
            int n = Math.min(ITEM_BLOCK, ITEMS - b * ITEM_BLOCK);
            packed[b] = new float[TopKKernel.packedLength(n, rank)];
            ids[b] = new long[n];
            for (int j = 0; j < n; j++) {
                ids[b][j] = (long) b * ITEM_BLOCK + j;
                TopKKernel.pack(packed[b], j, all[b * ITEM_BLOCK + j], rank);
            }
        }
        seen = new long[USERS][0];
    }

    static double flopPerBlock(int rank) {
        return 2.0 * USERS * ITEMS * rank;
    }

    @Benchmark
    public TopKHeap[] block() {
        TopKHeap[] heaps = new TopKHeap[USERS];
        for (int a = 0; a < USERS; a++) {
            heaps[a] = new TopKHeap(K);
        }
        for (int b = 0; b < packed.length; b++) {
            TopKKernel.score(users, USERS, rank, packed[b], ids[b], heaps, seen);
        }
        return heaps;
    }
}
