package animerec.model.knn;

import animerec.util.Seeds;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * Sums over every pair of entities that share an entry, from inverted lists, with map-side aggregation on
 * primitive arrays. Entities get dense indices (ids sorted, so the indices are reproducible); each task
 * walks its inverted lists and adds every pair's contribution into an open-addressing table keyed by the
 * packed pair (a &lt; b), flushing it as (key, sums) records when it reaches {@code TABLE_BYTES}; the records
 * are then merged by key across tasks. A list of n entries costs n(n − 1)/2 table updates and no object.
 *
 * <p>A list longer than {@code maxList} contributes only {@code maxList} of its entries — those with the
 * smallest seeded hash of (entity, list), so the choice is reproducible.
 */
final class PairSums {
    /** Bytes a task's table may hold before it is flushed (keys and sums, at most half full). */
    static final long TABLE_BYTES = 128L << 20;

    private PairSums() {
    }

    /** An inverted list's entry: the entity's dense index, its value and baseline residual. */
    record Entry(int x, double value, double residual) implements Serializable {
    }

    /** Dense indices for the ids in column {@code column}: {@code column, xi} ({@link animerec.data.DenseIds}). */
    static Dataset<Row> index(Dataset<Row> table, String column) {
        return animerec.data.DenseIds.index(table, column, "xi");
    }

    /**
     * @param entries {@code xi (int dense index), y, value, residual}
     * @param sim     whose sums to keep ({@link Similarity#fields}, compact layout); null: the count only
     * @return key (a &lt;&lt; 32 | b) with a &lt; b dense indices, value the sums
     */
    static JavaPairRDD<Long, double[]> compute(Dataset<Row> entries, Similarity sim, int maxList, long seed,
                                               boolean bothWays) {
        int width = sim == null ? 1 : sim.width();
        return compute(entries, sim, maxList, seed, (bothWays ? 2 : 1) * partitionsFor(entries, width, maxList), bothWays);
    }

    /**
     * Enough partitions that each one's merge table stays near {@code TABLE_BYTES}: the distinct pairs are at
     * most the pair updates (Σ over lists of m(m − 1)/2, m the capped list length) and at most n(n − 1)/2.
     */
    static int partitionsFor(Dataset<Row> entries, int width, int maxList) {
        Row r = entries.groupBy(entries.columns()[1]).count()
                .selectExpr("sum(least(count, " + maxList + ") * (least(count, " + maxList + ") - 1) / 2)").first();
        double updates = r.isNullAt(0) ? 0 : r.getDouble(0);
        double n = entries.select(entries.columns()[0]).distinct().count();
        double distinct = Math.min(updates, n * (n - 1) / 2);
        int byMemory = (int) Math.ceil(distinct * 2 * (8 + 8.0 * width) / TABLE_BYTES);
        return Math.max(entries.sparkSession().sparkContext().defaultParallelism(), Math.min(100_000, byMemory));
    }

    /**
     * @param bothWays also deliver each pair reversed, as (b &lt;&lt; 32 | a), so that every partition holds all
     *                 the pairs whose first entity it owns (the sums are symmetric in a and b for every
     *                 similarity used here, so the reversed pair carries the same sums)
     */
    static JavaPairRDD<Long, double[]> compute(Dataset<Row> entries, Similarity sim, int maxList, long seed, int targets,
                                               boolean bothWays) {
        int width = sim == null ? 1 : sim.width();
        JavaPairRDD<Long, Entry> byList = entries.javaRDD().mapToPair(r -> new Tuple2<>(r.getLong(1),
                new Entry(r.getInt(0), r.getDouble(2), r.getDouble(3))));
        int parts = Math.max(1, targets);
        int listParts = Math.max(1, byList.getNumPartitions());
        // each task combines its pairs in a table and ships them as a few primitive chunks per target partition;
        // each target partition merges its chunks in a table of its own (records of single pairs would be
        // Java-serialised one object at a time, which costs more than all the arithmetic)
        return byList.groupByKey(listParts)
                .mapPartitionsToPair(lists -> chunks(accumulate(lists, sim, maxList, seed), width, parts, bothWays))
                .partitionBy(new org.apache.spark.HashPartitioner(parts))
                .mapPartitionsToPair(in -> merge(in, width));
    }

    /** A batch of (key, sums) for one target partition, on primitive arrays. */
    static final class Chunk implements Serializable {
        private static final long serialVersionUID = 1L;
        final long[] keys;
        final double[] sums;

        Chunk(long[] keys, double[] sums) {
            this.keys = keys;
            this.sums = sums;
        }
    }

    /** The partition of a pair: by its first entity when pairs go both ways, else by the whole key. */
    static int target(long key, int parts, boolean bothWays) {
        long k = bothWays ? key >>> 32 : key;
        return (int) Math.floorMod(Seeds.mix(k ^ 0x2545F4914F6CDD1DL), (long) parts);
    }

    /** Packs a task's (key, sums) stream, lazily, into chunks of at most 8,192 pairs per target partition. */
    static Iterator<Tuple2<Integer, Chunk>> chunks(Iterator<Tuple2<Long, double[]>> pairs, int width, int parts,
                                                   boolean bothWays) {
        final int cap = 1 << 13;
        return new Iterator<>() {
            private final long[][] keys = new long[parts][];
            private final double[][] sums = new double[parts][];
            private final int[] fill = new int[parts];
            private final java.util.ArrayDeque<Tuple2<Integer, Chunk>> ready = new java.util.ArrayDeque<>();
            private boolean drained;

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && !drained) {
                    if (!pairs.hasNext()) {
                        for (int p = 0; p < parts; p++) {
                            if (fill[p] > 0) {
                                ready.add(new Tuple2<>(p, new Chunk(Arrays.copyOf(keys[p], fill[p]),
                                        Arrays.copyOf(sums[p], fill[p] * width))));
                            }
                        }
                        drained = true;
                        break;
                    }
                    Tuple2<Long, double[]> t = pairs.next();
                    put(t._1(), t._2());
                    if (bothWays) {
                        put((t._1() << 32) | (t._1() >>> 32), t._2());
                    }
                }
                return !ready.isEmpty();
            }

            private void put(long key, double[] values) {
                int p = target(key, parts, bothWays);
                if (keys[p] == null) {
                    keys[p] = new long[cap];
                    sums[p] = new double[cap * width];
                }
                keys[p][fill[p]] = key;
                System.arraycopy(values, 0, sums[p], fill[p] * width, width);
                if (++fill[p] == cap) {
                    ready.add(new Tuple2<>(p, new Chunk(keys[p], sums[p])));
                    keys[p] = null;
                    sums[p] = null;
                    fill[p] = 0;
                }
            }

            @Override
            public Tuple2<Integer, Chunk> next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }

    /** Merges one partition's chunks by key. */
    static Iterator<Tuple2<Long, double[]>> merge(Iterator<Tuple2<Integer, Chunk>> in, int width) {
        Table table = new Table(width);
        while (in.hasNext()) {
            Chunk c = in.next()._2();
            for (int i = 0; i < c.keys.length; i++) {
                int slot = table.slot(c.keys[i]);
                for (int w = 0; w < width; w++) {
                    table.sums[slot * width + w] += c.sums[i * width + w];
                }
            }
        }
        return table.entries();
    }

    /** Walks a task's lists, yielding the table's contents each time it fills (checked between lists). */
    static Iterator<Tuple2<Long, double[]>> accumulate(Iterator<Tuple2<Long, Iterable<Entry>>> lists, Similarity sim,
                                                       int maxList, long seed) {
        int width = sim == null ? 1 : sim.width();
        return new Iterator<>() {
            private final Table table = new Table(width);
            private final long flushAt = TABLE_BYTES / (2L * (8 + 8L * width));
            private final List<Tuple2<Long, double[]>> ready = new ArrayList<>();
            private int next = 0;

            @Override
            public boolean hasNext() {
                while (next >= ready.size()) {
                    ready.clear();
                    next = 0;
                    if (!lists.hasNext()) {
                        if (table.size == 0) {
                            return false;
                        }
                        table.drainTo(ready);
                        continue;
                    }
                    add(lists.next());
                    if (table.size >= flushAt) {
                        table.drainTo(ready);
                    }
                }
                return true;
            }

            @Override
            public Tuple2<Long, double[]> next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return ready.get(next++);
            }

            private void add(Tuple2<Long, Iterable<Entry>> list) {
                Entry[] e = capped(list._1(), list._2(), maxList, seed);
                for (int i = 0; i < e.length; i++) {
                    for (int j = i + 1; j < e.length; j++) {
                        int slot = table.slot(((long) e[i].x() << 32) | e[j].x());
                        if (sim == null) {
                            table.sums[slot] += 1;
                        } else {
                            sim.addCompact(table.sums, slot * width, e[i].value(), e[j].value(), e[i].residual(),
                                    e[j].residual());
                        }
                    }
                }
            }
        };
    }

    private static Entry[] capped(long list, Iterable<Entry> entries, int maxList, long seed) {
        List<Entry> all = new ArrayList<>();
        entries.forEach(all::add);
        if (all.size() > maxList) {
            all.sort((a, b) -> {
                int c = Long.compare(Seeds.mix(seed ^ Seeds.mix(a.x() * 31L + list)), Seeds.mix(seed ^ Seeds.mix(b.x() * 31L + list)));
                return c != 0 ? c : Integer.compare(a.x(), b.x());
            });
            all = all.subList(0, maxList);
        }
        Entry[] out = all.toArray(new Entry[0]);
        Arrays.sort(out, (a, b) -> Integer.compare(a.x(), b.x()));
        return out;
    }

    /** Open addressing, linear probing: packed pair keys and {@code width} sums per pair. */
    static final class Table {
        private static final long EMPTY = -1L;
        final int width;
        long[] keys;
        double[] sums;
        int size;

        Table(int width) {
            this.width = width;
            allocate(1 << 16);
        }

        private void allocate(int capacity) {
            keys = new long[capacity];
            Arrays.fill(keys, EMPTY);
            sums = new double[capacity * width];
            size = 0;
        }

        int slot(long key) {
            if (size * 2 >= keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int i = (int) (Seeds.mix(key) & mask);
            while (true) {
                long k = keys[i];
                if (k == key) {
                    return i;
                }
                if (k == EMPTY) {
                    keys[i] = key;
                    size++;
                    return i;
                }
                i = (i + 1) & mask;
            }
        }

        private void grow() {
            long[] oldKeys = keys;
            double[] oldSums = sums;
            int n = size;
            allocate(oldKeys.length * 2);
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != EMPTY) {
                    int s = slot(oldKeys[i]);
                    System.arraycopy(oldSums, i * width, sums, s * width, width);
                }
            }
            size = n;
        }

        /** The entries as (key, sums) records, produced lazily (the table is not reused afterwards). */
        Iterator<Tuple2<Long, double[]>> entries() {
            return new Iterator<>() {
                private int i = advance(0);

                private int advance(int from) {
                    int j = from;
                    while (j < keys.length && keys[j] == EMPTY) {
                        j++;
                    }
                    return j;
                }

                @Override
                public boolean hasNext() {
                    return i < keys.length;
                }

                @Override
                public Tuple2<Long, double[]> next() {
                    if (i >= keys.length) {
                        throw new java.util.NoSuchElementException();
                    }
                    Tuple2<Long, double[]> t = new Tuple2<>(keys[i], Arrays.copyOfRange(sums, i * width, (i + 1) * width));
                    i = advance(i + 1);
                    return t;
                }
            };
        }

        void drainTo(List<Tuple2<Long, double[]>> out) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != EMPTY) {
                    out.add(new Tuple2<>(keys[i], Arrays.copyOfRange(sums, i * width, (i + 1) * width)));
                }
            }
            allocate(1 << 16);
        }
    }
}
