package animerec.model.factor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The register-blocked kernel gives exactly the brute-force top-K, ties and seen items included, on both paths. */
class TopKKernelTest {

    @ParameterizedTest
    @CsvSource({"1,5,3,4", "6,70,130,9", "7,9,16,16", "20,33,250,10", "33,4,47,5", "64,13,300,10"})
    void bothPathsGiveTheBruteForceTopK(int rank, int nUsers, int nItems, int k) {
        Random rnd = new Random(rank * 31L + nUsers);
        float[][] u = new float[nUsers][rank];
        float[][] v = new float[nItems][rank];
        for (float[] row : u) {
            for (int f = 0; f < rank; f++) {
                row[f] = rnd.nextInt(3) - 1; // small integers: many exact ties
            }
        }
        for (int j = 0; j < nItems; j++) {
            for (int f = 0; f < rank; f++) {
                v[j][f] = j % 5 == 0 ? rnd.nextInt(3) : (float) rnd.nextGaussian();
            }
        }
        long[] ids = new long[nItems];
        for (int j = 0; j < nItems; j++) {
            ids[j] = 7L * ((j * 37L) % nItems); // not in index order
        }
        long[][] seen = new long[nUsers][];
        for (int a = 0; a < nUsers; a++) {
            seen[a] = rnd.ints(rnd.nextInt(Math.min(nItems, 12)), 0, nItems).mapToLong(j -> ids[j]).distinct().sorted().toArray();
        }
        float[] users = new float[TopKKernel.paddedUsers(nUsers) * rank];
        for (int a = 0; a < nUsers; a++) {
            System.arraycopy(u[a], 0, users, a * rank, rank);
        }
        // Two item blocks, so the second starts from heaps the first filled.
        int cut = nItems / 3;
        long[][] blockIds = {Arrays.copyOfRange(ids, 0, cut), Arrays.copyOfRange(ids, cut, nItems)};
        float[][] packed = new float[2][];
        for (int b = 0; b < 2; b++) {
            int off = b == 0 ? 0 : cut;
            packed[b] = new float[TopKKernel.packedLength(blockIds[b].length, rank)];
            for (int j = 0; j < blockIds[b].length; j++) {
                TopKKernel.pack(packed[b], j, v[off + j], rank);
            }
        }
        for (boolean vector : new boolean[] {true, false}) {
            TopKHeap[] heaps = new TopKHeap[nUsers];
            for (int a = 0; a < nUsers; a++) {
                heaps[a] = new TopKHeap(k);
            }
            for (int b = 0; b < 2; b++) {
                if (vector) {
                    TopKKernel.score(users, nUsers, rank, packed[b], blockIds[b], heaps, seen);
                } else {
                    TopKKernel.scalarScore(users, nUsers, rank, packed[b], blockIds[b], heaps, seen);
                }
            }
            for (int a = 0; a < nUsers; a++) {
                List<double[]> scored = new ArrayList<>();
                for (int j = 0; j < nItems; j++) {
                    if (Arrays.binarySearch(seen[a], ids[j]) >= 0) {
                        continue;
                    }
                    float s = 0f;
                    for (int f = 0; f < rank; f++) {
                        s += u[a][f] * v[j][f];
                    }
                    scored.add(new double[] {s, ids[j]});
                }
                scored.sort(Comparator.<double[]>comparingDouble(x -> -x[0]).thenComparingDouble(x -> x[1]));
                int n = Math.min(k, scored.size());
                long[] gotItems = new long[heaps[a].size()];
                double[] gotScores = new double[gotItems.length];
                heaps[a].drainBestFirst(gotItems, gotScores);
                assertEquals(n, gotItems.length, "vector=" + vector + " user " + a);
                for (int r = 0; r < n; r++) {
                    assertEquals((long) scored.get(r)[1], gotItems[r], "vector=" + vector + " user " + a + " rank " + r);
                    assertEquals(scored.get(r)[0], gotScores[r], 0.0, "vector=" + vector + " user " + a + " rank " + r);
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"3,17", "20,16", "5,33"})
    void packingPutsEachFactorInItsPanelSlot(int rank, int n) {
        float[] packed = new float[TopKKernel.packedLength(n, rank)];
        assertEquals((n + 15) / 16 * 16 * rank, packed.length);
        for (int j = 0; j < n; j++) {
            float[] v = new float[rank];
            for (int f = 0; f < rank; f++) {
                v[f] = j * 100 + f + 1;
            }
            TopKKernel.pack(packed, j, v, rank);
        }
        for (int j = 0; j < n; j++) {
            for (int f = 0; f < rank; f++) {
                assertEquals(j * 100 + f + 1, packed[((j / 16) * rank + f) * 16 + j % 16]);
            }
        }
        int filled = 0;
        for (float x : packed) {
            filled += x != 0 ? 1 : 0;
        }
        assertEquals(n * rank, filled, "the slots past the last item stay zero");
    }

    @org.junit.jupiter.api.Test
    void usersArePaddedToWholeRegisterBlocks() {
        assertArrayEquals(new int[] {0, 4, 4, 4, 4, 8}, new int[] {TopKKernel.paddedUsers(0), TopKKernel.paddedUsers(1),
                TopKKernel.paddedUsers(2), TopKKernel.paddedUsers(3), TopKKernel.paddedUsers(4), TopKKernel.paddedUsers(5)});
        assertTrue(FloatOps.VECTOR, "the tests run with jdk.incubator.vector, so score() took the vector path");
    }
}
