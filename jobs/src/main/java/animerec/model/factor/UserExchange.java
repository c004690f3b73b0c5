package animerec.model.factor;

import animerec.util.Seeds;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.catalyst.InternalRow;
import scala.Tuple2;

/**
 * Brings each user's vector and seen items to one partition, in bulk. Each map task packs its rows into one
 * chunk of primitive arrays per destination partition, so the shuffle moves a few large arrays instead of a
 * row per seen pair: Spark's row shuffle spent about a second on 2 cores reading and writing the 10M seen pairs
 * of the top-K benchmark one row at a time (JFR), longer than packing, moving and unpacking them as arrays.
 */
final class UserExchange {
    /**
     * Pairs (or vector values) per chunk at most. A map task's chunks are all held until the task ends (16 bytes a
     * pair: 80 MB for 5M pairs), and a partition's users and seen pairs are held while its blocks are built.
     */
    static final int CHUNK = 1 << 20;

    private UserExchange() {
    }

    /** The partition (of {@code parts}) that holds {@code user}. */
    static int partition(long user, int parts) {
        return Math.floorMod(Seeds.mix(user), parts);
    }

    /**
     * Parallel arrays: {@code users[i]} with {@code items[i]} (a seen pair), or with row i of {@code vectors} (a flat
     * table), or alone (an id to score; both null).
     */
    static final class Chunk implements Serializable {
        private static final long serialVersionUID = 1L;
        final long[] users;
        final long[] items;
        final float[] vectors;

        Chunk(long[] users, long[] items, float[] vectors) {
            this.users = users;
            this.items = items;
            this.vectors = vectors;
        }

        /** This vector chunk's rows whose user is in {@code users}. */
        Chunk keep(LongIntMap users) {
            int rank = vectors.length / this.users.length;
            int m = 0;
            long[] ids = new long[this.users.length];
            float[] v = new float[vectors.length];
            for (int i = 0; i < this.users.length; i++) {
                if (users.get(this.users[i]) >= 0) {
                    ids[m] = this.users[i];
                    System.arraycopy(vectors, i * rank, v, m * rank, rank);
                    m++;
                }
            }
            return m == ids.length ? this : new Chunk(Arrays.copyOf(ids, m), null, Arrays.copyOf(v, m * rank));
        }
    }

    /** What a chunk holds beside its users: each user's seen item, vector, or nothing (the ids of users to score). */
    enum Kind {
        PAIRS, VECTORS, IDS
    }

    /** {@code user_id, anime_id} internal rows, by user partition. */
    static JavaRDD<Chunk> seen(JavaRDD<InternalRow> rows, int parts) {
        return exchange(rows.mapPartitionsToPair(it -> pack(it, parts, Kind.PAIRS, CHUNK).iterator()), parts);
    }

    /**
     * {@code user_id, vector array<float>} internal rows and the {@code user_id} rows of the users to score, by user
     * partition, in one exchange: the vectors' chunks and the ids' (a chunk with neither items nor vectors).
     * {@link #userBlocks} keeps the users in both, which spares a distinct and a join of the vectors.
     */
    static JavaRDD<Chunk> vectors(JavaRDD<InternalRow> rows, JavaRDD<InternalRow> targets, int parts) {
        return exchange(rows.mapPartitionsToPair(it -> pack(it, parts, Kind.VECTORS, CHUNK).iterator())
                .union(targets.mapPartitionsToPair(it -> pack(it, parts, Kind.IDS, CHUNK).iterator())), parts);
    }

    private static JavaRDD<Chunk> exchange(JavaPairRDD<Integer, Chunk> keyed, int parts) {
        // the key is the destination itself, which HashPartitioner maps to itself (0 <= key < parts)
        return keyed.partitionBy(new HashPartitioner(parts)).values();
    }

    /**
     * One map task's rows ({@code user_id} and, by {@code kind}, {@code anime_id} or a vector) as chunks keyed by
     * destination partition, each of at most {@code limit} users (and at most {@code limit} vector values).
     */
    static List<Tuple2<Integer, Chunk>> pack(Iterator<InternalRow> rows, int parts, Kind kind, int limit) {
        List<Tuple2<Integer, Chunk>> out = new ArrayList<>();
        Buffer[] buffers = new Buffer[parts];
        while (rows.hasNext()) {
            InternalRow r = rows.next();
            long user = r.getLong(0);
            int p = partition(user, parts);
            Buffer b = buffers[p];
            if (b == null) {
                b = buffers[p] = new Buffer(kind);
            }
            b.add(user, r);
            if (b.n == limit || b.n * b.rank >= limit) {
                out.add(new Tuple2<>(p, b.chunk()));
                buffers[p] = null;
            }
        }
        for (int p = 0; p < parts; p++) {
            if (buffers[p] != null) {
                out.add(new Tuple2<>(p, buffers[p].chunk()));
            }
        }
        return out;
    }

    /**
     * One partition's users (vector chunks, and id chunks naming the users to score: a user needs both) and seen
     * pairs (pairs of other users are dropped) as blocks of {@code size} users, users in id order, each user's
     * seen items sorted and distinct.
     */
    static Iterator<FactorBlocks.UserBlock> userBlocks(Iterator<Chunk> vectorChunks, Iterator<Chunk> seenChunks,
                                                       int size) {
        List<Chunk> vectorsIn = new ArrayList<>();
        List<Chunk> targetIds = new ArrayList<>();
        int nTargets = 0;
        while (vectorChunks.hasNext()) {
            Chunk c = vectorChunks.next();
            if (c.vectors == null) {
                targetIds.add(c);
                nTargets += c.users.length;
            } else {
                vectorsIn.add(c);
            }
        }
        LongIntMap wanted = new LongIntMap(nTargets);
        for (Chunk c : targetIds) {
            for (long u : c.users) {
                wanted.put(u, 0);
            }
        }
        targetIds.clear();
        List<Chunk> vs = new ArrayList<>();
        int n = 0;
        for (Chunk c : vectorsIn) {
            Chunk kept = c.keep(wanted);
            if (kept.users.length > 0) {
                vs.add(kept);
                n += kept.users.length;
            }
        }
        vectorsIn.clear();
        if (n == 0) {
            return java.util.Collections.emptyIterator();
        }
        int rank = vs.get(0).vectors.length / vs.get(0).users.length;
        long[] ids = new long[n];
        float[] flat = new float[Math.multiplyExact(n, rank)]; // more than 2^31 values: use more partitions
        int at = 0;
        for (Chunk c : vs) {
            System.arraycopy(c.users, 0, ids, at, c.users.length);
            System.arraycopy(c.vectors, 0, flat, at * rank, c.vectors.length);
            at += c.users.length;
        }
        vs.clear();
        // users in id order: the same blocks whatever order the chunks arrived in
        Integer[] boxed = new Integer[n];
        for (int a = 0; a < n; a++) {
            boxed[a] = a;
        }
        long[] idsRef = ids;
        Arrays.sort(boxed, (x, y) -> Long.compare(idsRef[x], idsRef[y]));
        long[] sortedIds = new long[n];
        for (int a = 0; a < n; a++) {
            sortedIds[a] = ids[boxed[a]];
        }
        LongIntMap index = new LongIntMap(n);
        for (int a = 0; a < n; a++) {
            index.put(sortedIds[a], a);
        }
        // seen pairs into one array per user (counted, then filled)
        List<Chunk> ss = new ArrayList<>();
        int[] counts = new int[n + 1];
        while (seenChunks.hasNext()) {
            Chunk c = seenChunks.next();
            ss.add(c);
            for (long u : c.users) {
                int a = index.get(u);
                if (a >= 0) {
                    counts[a + 1]++;
                }
            }
        }
        for (int a = 0; a < n; a++) {
            counts[a + 1] += counts[a];
        }
        long[] items = new long[counts[n]];
        int[] fill = Arrays.copyOf(counts, n);
        for (Chunk c : ss) {
            for (int i = 0; i < c.users.length; i++) {
                int a = index.get(c.users[i]);
                if (a >= 0) {
                    items[fill[a]++] = c.items[i];
                }
            }
        }
        ss.clear();
        List<FactorBlocks.UserBlock> out = new ArrayList<>();
        for (int start = 0; start < n; start += size) {
            int m = Math.min(size, n - start);
            float[] block = new float[TopKKernel.paddedUsers(m) * rank];
            long[][] blockSeen = new long[m][];
            for (int a = 0; a < m; a++) {
                System.arraycopy(flat, boxed[start + a] * rank, block, a * rank, rank);
                int from = counts[start + a];
                int to = counts[start + a + 1];
                Arrays.sort(items, from, to);
                blockSeen[a] = distinct(items, from, to);
            }
            out.add(new FactorBlocks.UserBlock(Arrays.copyOfRange(sortedIds, start, start + m), block, blockSeen));
        }
        return out.iterator();
    }

    /** The distinct values of the sorted range {@code [from, to)}. */
    private static long[] distinct(long[] sorted, int from, int to) {
        int m = 0;
        long[] out = new long[to - from];
        for (int i = from; i < to; i++) {
            if (m == 0 || sorted[i] != out[m - 1]) {
                out[m++] = sorted[i];
            }
        }
        return m == out.length ? out : Arrays.copyOf(out, m);
    }

    /** Open-addressing map of long keys to non-negative ints; {@link #get} gives -1 for a missing key. */
    static final class LongIntMap {
        private final long[] keys;
        private final int[] values;
        private final int mask;

        LongIntMap(int expected) {
            int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
            keys = new long[cap];
            values = new int[cap];
            Arrays.fill(values, -1);
            mask = cap - 1;
        }

        private int slot(long key) {
            return (int) Seeds.mix(key) & mask;
        }

        void put(long key, int value) {
            int i = slot(key);
            while (values[i] >= 0 && keys[i] != key) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            values[i] = value;
        }

        int get(long key) {
            for (int i = slot(key); values[i] >= 0; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return values[i];
                }
            }
            return -1;
        }
    }

    /** One destination's rows of one map task, growing until they become a chunk. */
    private static final class Buffer {
        final Kind kind;
        long[] users = new long[64];
        long[] items;
        float[] vectors;
        int rank; // values per vector (0 but for vectors)
        int n;

        Buffer(Kind kind) {
            this.kind = kind;
            this.items = kind == Kind.PAIRS ? new long[64] : null;
        }

        /** Adds {@code user} and what {@code r} holds beside it (read now: the row may be reused). */
        void add(long user, InternalRow r) {
            if (n == users.length) {
                users = Arrays.copyOf(users, 2 * n);
                if (items != null) {
                    items = Arrays.copyOf(items, 2 * n);
                }
            }
            users[n] = user;
            if (kind == Kind.PAIRS) {
                items[n] = r.getLong(1);
            } else if (kind == Kind.VECTORS) {
                float[] v = r.getArray(1).toFloatArray();
                rank = v.length;
                if (vectors == null) {
                    vectors = new float[64 * v.length];
                } else if ((n + 1) * v.length > vectors.length) {
                    vectors = Arrays.copyOf(vectors, 2 * vectors.length);
                }
                System.arraycopy(v, 0, vectors, n * v.length, v.length);
            }
            n++;
        }

        Chunk chunk() {
            return new Chunk(Arrays.copyOf(users, n), items == null ? null : Arrays.copyOf(items, n),
                    vectors == null ? null : Arrays.copyOf(vectors, n * rank));
        }
    }
}
