package animerec.model.factor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** Chunked exchange by user: every pair and vector reaches its user's partition once, in blocks by user id. */
class UserExchangeTest {
    private static final int RANK = 3;
    private static final int PARTS = 3;

    private static InternalRow pair(long user, long item) {
        return new GenericInternalRow(new Object[] {user, item});
    }

    private static InternalRow vector(long user) {
        float[] v = new float[RANK];
        for (int f = 0; f < RANK; f++) {
            v[f] = user * 10 + f;
        }
        return new GenericInternalRow(new Object[] {user, UnsafeArrayData.fromPrimitiveArray(v)});
    }

    @Test
    void packKeepsEveryRowAndCutsChunksAtTheLimit() {
        List<InternalRow> rows = new ArrayList<>();
        for (long u = 0; u < 40; u++) {
            rows.add(pair(u, 100 + u));
        }
        List<Tuple2<Integer, UserExchange.Chunk>> chunks = UserExchange.pack(rows.iterator(), PARTS, UserExchange.Kind.PAIRS, 5);
        int total = 0;
        for (Tuple2<Integer, UserExchange.Chunk> t : chunks) {
            UserExchange.Chunk c = t._2();
            assertTrue(c.users.length <= 5 && c.users.length > 0, "chunk of " + c.users.length);
            for (int i = 0; i < c.users.length; i++) {
                assertEquals(t._1(), UserExchange.partition(c.users[i], PARTS));
                assertEquals(100 + c.users[i], c.items[i]);
            }
            total += c.users.length;
        }
        assertEquals(40, total);

        List<InternalRow> vectors = new ArrayList<>();
        for (long u = 0; u < 20; u++) {
            vectors.add(vector(u));
        }
        // 6 values a chunk: two users of rank 3
        java.util.Set<Long> arrived = new java.util.HashSet<>();
        for (Tuple2<Integer, UserExchange.Chunk> t : UserExchange.pack(vectors.iterator(), PARTS, UserExchange.Kind.VECTORS, 6)) {
            UserExchange.Chunk c = t._2();
            for (long u : c.users) {
                assertTrue(arrived.add(u), "vector of user " + u + " twice");
                assertEquals(t._1(), UserExchange.partition(u, PARTS));
            }
            assertEquals(c.users.length * RANK, c.vectors.length);
            assertTrue(c.users.length <= 2);
            for (int i = 0; i < c.users.length; i++) {
                assertEquals(c.users[i] * 10 + 2, c.vectors[i * RANK + 2]);
            }
        }
        assertEquals(20, arrived.size());
    }

    @Test
    void userBlocksKeepTargetsWithVectorsAndTheirSeenItemsSortedAndDistinct() {
        Random rnd = new Random(3);
        int users = 50;
        TreeMap<Long, TreeSet<Long>> expected = new TreeMap<>();
        List<InternalRow> seen = new ArrayList<>();
        for (long u = 0; u < users + 10; u++) { // users 50..59 have no vector
            for (int t = 0; t < rnd.nextInt(12); t++) {
                long item = rnd.nextInt(30);
                seen.add(pair(u * 7, item));
                seen.add(pair(u * 7, item)); // duplicates collapse
                if (u < users && u % 5 != 0) {
                    expected.computeIfAbsent(u * 7, x -> new TreeSet<>()).add(item);
                }
            }
        }
        java.util.Collections.shuffle(seen, rnd);
        List<InternalRow> vectors = new ArrayList<>();
        List<InternalRow> targets = new ArrayList<>();
        for (long u = users - 1; u >= 0; u--) {
            vectors.add(vector(u * 7));
            if (u % 5 != 0) { // every fifth user has a vector but is not asked for
                targets.add(new GenericInternalRow(new Object[] {u * 7}));
                targets.add(new GenericInternalRow(new Object[] {u * 7})); // asked for twice: scored once
            }
        }
        targets.add(new GenericInternalRow(new Object[] {users * 7 + 7L})); // asked for, no vector: no row
        // all of them in one partition: chunks of whatever destination, any order
        List<UserExchange.Chunk> seenChunks = chunks(seen.iterator(), false, 4);
        List<UserExchange.Chunk> vectorChunks = chunks(vectors.iterator(), true, 9);
        for (Tuple2<Integer, UserExchange.Chunk> t : UserExchange.pack(targets.iterator(), PARTS, UserExchange.Kind.IDS, 7)) {
            assertEquals(null, t._2().vectors);
            vectorChunks.add(t._2());
        }
        java.util.Collections.shuffle(seenChunks, rnd);
        java.util.Collections.shuffle(vectorChunks, rnd);

        Iterator<FactorBlocks.UserBlock> blocks = UserExchange.userBlocks(vectorChunks.iterator(), seenChunks.iterator(), 16);
        long previous = Long.MIN_VALUE;
        int n = 0;
        while (blocks.hasNext()) {
            FactorBlocks.UserBlock b = blocks.next();
            assertEquals(TopKKernel.paddedUsers(b.ids.length) * RANK, b.vectors.length);
            for (int a = 0; a < b.ids.length; a++) {
                long id = b.ids[a];
                assertTrue(id > previous, "users in id order");
                previous = id;
                assertEquals(id * 10 + 1, b.vectors[a * RANK + 1]);
                long[] want = expected.getOrDefault(id, new TreeSet<>()).stream().mapToLong(Long::longValue).toArray();
                assertArrayEquals(want, b.seen[a], "seen items of user " + id);
                n++;
            }
            for (int a = b.ids.length * RANK; a < b.vectors.length; a++) {
                assertEquals(0f, b.vectors[a], "padding rows are zero");
            }
        }
        assertEquals(users - users / 5, n);
    }

    private static List<UserExchange.Chunk> chunks(Iterator<InternalRow> rows, boolean vectors, int limit) {
        List<UserExchange.Chunk> out = new ArrayList<>();
        for (Tuple2<Integer, UserExchange.Chunk> t : UserExchange.pack(rows, PARTS, vectors ? UserExchange.Kind.VECTORS : UserExchange.Kind.PAIRS, limit)) {
            out.add(t._2());
        }
        return out;
    }

    @Test
    void noVectorsNoBlocks() {
        List<UserExchange.Chunk> seen = chunks(Arrays.asList(pair(1, 2)).iterator(), false, 4);
        assertTrue(!UserExchange.userBlocks(java.util.Collections.emptyIterator(), seen.iterator(), 8).hasNext());
    }
}
