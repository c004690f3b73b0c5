package animerec.model.svd;

import animerec.data.Columns;
import animerec.model.EpochListener;
import animerec.model.RecommenderModel;
import animerec.model.factor.BlockedTopKScorer;
import animerec.util.Seeds;
import animerec.util.UserError;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Distributed stochastic gradient descent for biased matrix factorisation (DSGD, Gemulla et al., KDD 2011).
 *
 * <p>Users and items are hashed into d strata each. Partition p of the ratings holds every rating of user
 * block p, as primitive arrays per item block, and the factors of user block p live beside it. In sub-epoch
 * s, partition p runs plain SGD over block (p, (p + s) mod d) — the d blocks processed at once share no user
 * and no item — with the factors of item block (p + s) mod d, which then move to the next partition (a narrow
 * dependency that reads the cached block, {@link #rotate}: one Spark stage per sub-epoch, no shuffle; ratings
 * never move after the first shuffle). Every random
 * choice — initial factors (per id), the per-epoch order of each block's ratings — derives from the seed, and
 * each block's ratings are kept in a canonical order, so the same seed and d give bit-identical factors on
 * any cluster.
 */
public final class DsgdTrainer {
    static final StructType FACTORS = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("bias", DataTypes.FloatType, false)
            .add("vector", DataTypes.createArrayType(DataTypes.FloatType, false), false);

    private DsgdTrainer() {
    }

    /** What a fit returns: factor tables ({@code id, bias, vector}), the global mean and per-epoch timings. */
    public record Result(Dataset<Row> users, Dataset<Row> items, float mu, float minRating, float maxRating,
                         double[] epochSeconds, double[] kernelTaskSeconds, long ratings, int strata) {
    }

    /** A rating in flight during the first shuffle. */
    record Rating(long user, long item, float value) implements Serializable {
    }

    /**
     * Ratings of one user block, grouped by item block; user and item indices are block-local (users in a seeded
     * random order, {@code userIds[u]} the id of row u; items in id order). In each item block the ratings are
     * grouped by item tile ({@link #tiles}), then by user in index order, each user's ratings in a seeded random
     * order: segment g, one user in one tile, is ratings {@code starts[b][g]} … {@code starts[b][g+1]}−1, and tile
     * x is segments {@code tileSegments[b][x]} … {@code tileSegments[b][x+1]}−1.
     */
    static final class RatingPartition implements Serializable {
        private static final long serialVersionUID = 2L;
        final int userBlock;
        final long[] userIds;
        final int[][] users;
        final int[][] items;
        final float[][] values;
        final int[][] starts;
        final int[][] tileSegments;

        RatingPartition(int userBlock, long[] userIds, int[][] users, int[][] items, float[][] values, int[][] starts,
                        int[][] tileSegments) {
            this.userBlock = userBlock;
            this.userIds = userIds;
            this.users = users;
            this.items = items;
            this.values = values;
            this.starts = starts;
            this.tileSegments = tileSegments;
        }
    }

    /** Factors of one block of users or items: k factors per id, rows {@link SgdKernel#stride} floats apart. */
    static final class FactorState implements Serializable {
        private static final long serialVersionUID = 2L;
        final int block;
        final int k;
        final int stride;
        final long[] ids;
        final float[] vectors;
        final float[] biases;

        FactorState(int block, int k, long[] ids, float[] vectors, float[] biases) {
            this.block = block;
            this.k = k;
            this.stride = SgdKernel.stride(k);
            this.ids = ids;
            this.vectors = vectors;
            this.biases = biases;
        }

        FactorState copy() {
            return new FactorState(block, k, ids, vectors.clone(), biases.clone());
        }
    }

    /**
     * Moves every item block one partition down, (p + 1) mod d to p, where the next sub-epoch needs it: a narrow
     * dependency (each partition reads one cached block of its parent, local or fetched), not a shuffle.
     */
    static JavaRDD<FactorState> rotate(JavaRDD<FactorState> blocks) {
        org.apache.spark.rdd.RDD<FactorState> r = blocks.rdd().coalesce(blocks.getNumPartitions(), false,
                scala.Option.apply(new Rotation()), null);
        return new JavaRDD<>(r, blocks.classTag());
    }

    /** The partition groups of {@link #rotate}: group p is parent partition (p + 1) mod d. */
    static final class Rotation implements org.apache.spark.rdd.PartitionCoalescer, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public org.apache.spark.rdd.PartitionGroup[] coalesce(int maxPartitions, org.apache.spark.rdd.RDD<?> parent) {
            org.apache.spark.Partition[] parts = parent.partitions();
            int d = parts.length;
            org.apache.spark.rdd.PartitionGroup[] groups = new org.apache.spark.rdd.PartitionGroup[d];
            for (int p = 0; p < d; p++) {
                groups[p] = new org.apache.spark.rdd.PartitionGroup(scala.Option.empty());
                groups[p].partitions().addOne(parts[(p + 1) % d]);
            }
            return groups;
        }
    }

    static int userBlock(long user, int d) {
        return (int) Math.floorMod(Seeds.mix(user * 0x9E3779B97F4A7C15L + 0x1234567L), (long) d);
    }

    static int itemBlock(long item, int d) {
        return (int) Math.floorMod(Seeds.mix(item * 0x9E3779B97F4A7C15L + 0x7654321L), (long) d);
    }

    /**
     * Fits the factors.
     *
     * @param ratings {@code user_id, anime_id, rating}; rows with a null rating are ignored
     */
    public static Result train(Dataset<Row> ratings, SvdSettings s, long seed, EpochListener listener,
                               java.util.function.Function<Result, RecommenderModel> snapshots) {
        SparkSession spark = ratings.sparkSession();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int d = s.strata() > 0 ? s.strata() : jsc.defaultParallelism();
        Dataset<Row> rated = ratings.filter(ratings.col(Columns.RATING).isNotNull())
                .select(Columns.USER, Columns.ITEM, Columns.RATING);

        // item ids of every item block, sorted: their position is the item's index inside its block
        List<Long> distinctItems = rated.select(Columns.ITEM).distinct().as(Encoders.LONG()).collectAsList();
        if (distinctItems.isEmpty()) {
            throw new UserError("svd: the training data has no rated interactions");
        }
        long[][] itemIds = blockIds(distinctItems, d);
        Broadcast<long[][]> bItemIds = jsc.broadcast(itemIds);

        int stride = SgdKernel.stride(s.factors());
        JavaRDD<RatingPartition> partitions = rated.javaRDD()
                .mapToPair(r -> new Tuple2<>(userBlock(r.getLong(0), d),
                        new Rating(r.getLong(0), r.getLong(1), (float) r.getDouble(2))))
                .partitionBy(new HashPartitioner(d))
                .mapPartitionsWithIndex((p, it) -> List.of(buildPartition(p, it, bItemIds.value(), stride, seed))
                        .iterator(), true)
                .persist(StorageLevel.MEMORY_AND_DISK());

        // global mean, summed in a fixed order (partition index, then canonical rating order)
        List<double[]> sums = partitions.map(DsgdTrainer::sumCountMinMax).collect();
        double total = 0;
        long count = 0;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (double[] x : sums) {
            total += x[0];
            count += (long) x[1];
            if (x[1] > 0) {
                min = Math.min(min, (float) x[2]);
                max = Math.max(max, (float) x[3]);
            }
        }
        float mu = s.biased() ? (float) (total / count) : 0f;

        int k = s.factors();
        JavaRDD<FactorState> users = partitions.map(p -> initial(p.userBlock, p.userIds, k, s, seed, 1L))
                .persist(StorageLevel.MEMORY_AND_DISK());
        // d ids in d slices: item block b starts in partition b, where sub-epoch 0 needs it
        JavaRDD<FactorState> items = jsc.parallelize(range(d), d).map(b -> initial(b, bItemIds.value()[b], k, s, seed, 2L));

        double[] epochSeconds = new double[s.epochs()];
        double[] kernelSeconds = new double[s.epochs()];
        org.apache.spark.util.LongAccumulator kernelNanos = spark.sparkContext().longAccumulator("svd kernel nanos");
        JavaRDD<Tuple2<FactorState, FactorState>> previous = null;
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            long t0 = System.nanoTime();
            float decay = (float) Math.pow(s.lrDecay(), epoch);
            for (int sub = 0; sub < d; sub++) {
                final int e = epoch;
                final int shift = sub;
                JavaRDD<Tuple2<RatingPartition, FactorState>> withUsers = partitions.zipPartitions(users,
                        (ri, ui) -> List.of(new Tuple2<>(ri.next(), ui.next())).iterator());
                JavaRDD<Tuple2<FactorState, FactorState>> out = withUsers.zipPartitions(items, (ri, ii) -> {
                    Tuple2<RatingPartition, FactorState> x = ri.next();
                    return subEpoch(x._1(), x._2(), ii.next(), shift, d, e, seed, mu, decay, s, kernelNanos);
                });
                out.persist(StorageLevel.MEMORY_AND_DISK());
                out.rdd().localCheckpoint(); // truncates the lineage, which otherwise grows every sub-epoch
                out.count();
                if (previous != null) {
                    previous.unpersist(false);
                } else {
                    users.unpersist(false);
                }
                previous = out;
                users = out.map(Tuple2::_1);
                items = rotate(out.map(Tuple2::_2));
            }
            epochSeconds[epoch] = (System.nanoTime() - t0) / 1e9;
            kernelSeconds[epoch] = kernelNanos.value() / 1e9;
            kernelNanos.reset();
            if (listener != null) {
                listener.epochDone(epoch + 1, epochSeconds[epoch]);
                if (listener.wantsSnapshot(epoch + 1)) {
                    listener.snapshot(epoch + 1, snapshots.apply(new Result(toTable(spark, users), toTable(spark, items), mu, min, max,
                            epochSeconds, kernelSeconds, count, d)));
                }
            }
        }
        Dataset<Row> userFactors = toTable(spark, users);
        Dataset<Row> itemFactors = toTable(spark, items);
        userFactors.persist(StorageLevel.MEMORY_AND_DISK());
        itemFactors.persist(StorageLevel.MEMORY_AND_DISK());
        userFactors.count();
        itemFactors.count();
        if (previous != null) {
            previous.unpersist(false);
        }
        partitions.unpersist(false);
        bItemIds.destroy();
        return new Result(userFactors, itemFactors, mu, min, max, epochSeconds, kernelSeconds, count, d);
    }

    private static List<Integer> range(int d) {
        List<Integer> out = new ArrayList<>(d);
        for (int b = 0; b < d; b++) {
            out.add(b);
        }
        return out;
    }

    static long[][] blockIds(List<Long> ids, int d) {
        int[] counts = new int[d];
        for (long id : ids) {
            counts[itemBlock(id, d)]++;
        }
        long[][] out = new long[d][];
        for (int b = 0; b < d; b++) {
            out[b] = new long[counts[b]];
        }
        int[] fill = new int[d];
        for (long id : ids) {
            int b = itemBlock(id, d);
            out[b][fill[b]++] = id;
        }
        for (long[] block : out) {
            Arrays.sort(block);
        }
        return out;
    }

    static double[] sumCountMinMax(RatingPartition p) {
        double sum = 0;
        long n = 0;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float[] block : p.values) {
            for (float v : block) {
                sum += v;
                n++;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return new double[] {sum, n, min, max};
    }

    /** Initial factors: N(init_mean, init_std) per id from (seed, id), so they do not depend on d; biases 0. */
    static FactorState initial(int block, long[] ids, int k, SvdSettings s, long seed, long salt) {
        int stride = SgdKernel.stride(k);
        float[] v = new float[ids.length * stride];
        for (int a = 0; a < ids.length; a++) {
            SplittableRandom rnd = new SplittableRandom(Seeds.mix(seed * 0x632BE59BD9B4E019L + salt * 0x9E3779B97F4A7C15L + ids[a]));
            for (int f = 0; f < k; f++) {
                v[a * stride + f] = (float) (s.initMean() + s.initStd() * Seeds.gaussian(rnd));
            }
        }
        return new FactorState(block, k, ids, v, new float[ids.length]);
    }

    static Iterator<Tuple2<FactorState, FactorState>> subEpoch(RatingPartition rp, FactorState userState,
                                                               FactorState itemState, int shift, int d, int epoch,
                                                               long seed, float mu, float decay, SvdSettings s,
                                                               org.apache.spark.util.LongAccumulator kernelNanos) {
        int ib = Math.floorMod(rp.userBlock + shift, d);
        if (itemState.block != ib || userState.block != rp.userBlock) {
            throw new IllegalStateException("DSGD blocks out of place: partition " + rp.userBlock + " got item block "
                    + itemState.block + ", expected " + ib);
        }
        FactorState u = userState.copy();
        FactorState it = itemState.copy();
        int[] order = segmentOrder(rp.tileSegments[ib], new SplittableRandom(
                Seeds.mix(seed + 0x51ED27L * (epoch + 1) + 0x3C6EF372L * (rp.userBlock * 65_537L + ib))));
        long k0 = System.nanoTime();
        SgdKernel.run(order, rp.starts[ib], rp.users[ib], rp.items[ib], rp.values[ib], u.vectors, u.biases,
                it.vectors, it.biases, u.stride, mu, s.biased(), s.lrBu() * decay, s.lrBi() * decay, s.lrPu() * decay,
                s.lrQi() * decay, s.regBu(), s.regBi(), s.regPu(), s.regQi());
        kernelNanos.add(System.nanoTime() - k0); // time inside the SGD loop, summed over tasks
        return List.of(new Tuple2<>(u, it)).iterator();
    }

    /** Bytes of item rows a tile aims at, so that a tile's rows stay in a core's L2 cache beside the streams. */
    static final long TILE_BYTES = 1024 * 1024;

    /** Tiles of an item block: its rows ({@code stride} floats each) cut into pieces of about {@link #TILE_BYTES}. */
    static int tiles(int items, int stride) {
        return (int) Math.max(1, Math.min(items, (items * (long) stride * Float.BYTES + TILE_BYTES - 1) / TILE_BYTES));
    }

    static RatingPartition buildPartition(int p, Iterator<Tuple2<Integer, Rating>> it, long[][] itemIds, int stride,
                                          long seed) {
        int d = itemIds.length;
        int n = 0;
        long[] us = new long[1024];
        long[] is = new long[1024];
        float[] rs = new float[1024];
        while (it.hasNext()) {
            Rating r = it.next()._2();
            if (n == us.length) {
                us = Arrays.copyOf(us, 2 * n);
                is = Arrays.copyOf(is, 2 * n);
                rs = Arrays.copyOf(rs, 2 * n);
            }
            us[n] = r.user();
            is[n] = r.item();
            rs[n] = r.value();
            n++;
        }
        long[] sortedUsers = Arrays.stream(Arrays.copyOf(us, n)).sorted().distinct().toArray();
        // users relabelled once in a seeded random order (as LIBMF does): row u of the factors is userIds[u], and
        // a block's ratings are visited in this order of users
        int[] rank = new int[sortedUsers.length];
        for (int a = 0; a < rank.length; a++) {
            rank[a] = a;
        }
        shuffle(rank, 0, rank.length, new SplittableRandom(Seeds.mix(seed + 0x6A09E667L * (p + 1))));
        long[] userIds = new long[sortedUsers.length];
        for (int a = 0; a < rank.length; a++) {
            userIds[rank[a]] = sortedUsers[a];
        }
        int[] counts = new int[d];
        int[] blockOf = new int[n];
        long[] keys = new long[n]; // (user index << 32 | item index): a canonical order, independent of arrival
        for (int t = 0; t < n; t++) {
            int b = itemBlock(is[t], d);
            blockOf[t] = b;
            counts[b]++;
            long u = rank[Arrays.binarySearch(sortedUsers, us[t])];
            long i = Arrays.binarySearch(itemIds[b], is[t]);
            keys[t] = (u << 32) | i;
        }
        int[][] users = new int[d][];
        int[][] items = new int[d][];
        float[][] values = new float[d][];
        int[][] starts = new int[d][];
        int[][] tileStarts = new int[d][];
        for (int b = 0; b < d; b++) {
            long[] blockKeys = new long[counts[b]];
            float[] blockValues = new float[counts[b]];
            int f = 0;
            for (int t = 0; t < n; t++) {
                if (blockOf[t] == b) {
                    blockKeys[f++] = keys[t];
                }
            }
            long[] sorted = blockKeys.clone();
            Arrays.sort(sorted);
            for (int t = 0; t < n; t++) {
                if (blockOf[t] == b) {
                    int pos = Arrays.binarySearch(sorted, keys[t]);
                    blockValues[pos] = rs[t]; // a repeated (user, item) pair keeps one of its values
                }
            }
            int tiles = tiles(itemIds[b].length, stride);
            int nItems = itemIds[b].length;
            // a stable pass by tile: the ratings of tile 0, then tile 1, …, each in (user, item) order
            int[] tileCount = new int[tiles + 1];
            for (long key : sorted) {
                tileCount[tileOf(key, tiles, nItems) + 1]++;
            }
            for (int x = 0; x < tiles; x++) {
                tileCount[x + 1] += tileCount[x];
            }
            long[] tiled = new long[sorted.length];
            float[] tiledValues = new float[sorted.length];
            int[] fill = Arrays.copyOf(tileCount, tiles);
            for (int t = 0; t < sorted.length; t++) {
                int at = fill[tileOf(sorted[t], tiles, nItems)]++;
                tiled[at] = sorted[t];
                tiledValues[at] = blockValues[t];
            }
            starts[b] = segmentStarts(tiled, tileCount);
            tileStarts[b] = tileSegments(starts[b], tileCount);
            shuffleWithinSegments(tiled, tiledValues, starts[b],
                    new SplittableRandom(Seeds.mix(seed + 0x2545F491L * (p * 65_537L + b + 1))));
            users[b] = new int[tiled.length];
            items[b] = new int[tiled.length];
            for (int t = 0; t < tiled.length; t++) {
                users[b][t] = (int) (tiled[t] >>> 32);
                items[b][t] = (int) (tiled[t] & 0xffffffffL);
            }
            values[b] = tiledValues;
        }
        return new RatingPartition(p, userIds, users, items, values, starts, tileStarts);
    }

    private static int tileOf(long key, int tiles, int items) {
        return (int) ((key & 0xffffffffL) * tiles / items);
    }

    /**
     * Where each (tile, user) run of ratings starts, in keys grouped by tile ({@code tileStart}) and sorted by
     * (user, item) within a tile, and the count at the end.
     */
    static int[] segmentStarts(long[] keys, int[] tileStart) {
        int n = keys.length;
        int[] starts = new int[n + 1];
        int segments = 0;
        int tile = 0;
        for (int t = 0; t < n; t++) {
            while (tileStart[tile + 1] <= t) {
                tile++; // past the tile that ended (and any empty ones): t is where this tile starts
            }
            if (t == tileStart[tile] || keys[t] >>> 32 != keys[t - 1] >>> 32) {
                starts[segments++] = t;
            }
        }
        starts[segments] = n;
        return Arrays.copyOf(starts, segments + 1);
    }

    /** The first segment of each tile, and the number of segments at the end. */
    static int[] tileSegments(int[] segmentStarts, int[] tileStart) {
        int tiles = tileStart.length - 1;
        int[] out = new int[tiles + 1];
        int g = 0;
        for (int x = 0; x < tiles; x++) {
            while (g < segmentStarts.length - 1 && segmentStarts[g] < tileStart[x]) {
                g++;
            }
            out[x] = g;
        }
        out[tiles] = segmentStarts.length - 1;
        return out;
    }

    /** Each segment's keys and values, permuted together in a random order (once, when the block is built). */
    static void shuffleWithinSegments(long[] keys, float[] values, int[] starts, SplittableRandom rnd) {
        for (int g = 0; g + 1 < starts.length; g++) {
            for (int t = starts[g + 1] - 1; t > starts[g]; t--) {
                int j = starts[g] + rnd.nextInt(t - starts[g] + 1);
                long k = keys[t];
                keys[t] = keys[j];
                keys[j] = k;
                float v = values[t];
                values[t] = values[j];
                values[j] = v;
            }
        }
    }

    /**
     * This epoch's visiting order of a block's segments: its item tiles in a seeded random order, and in each
     * tile the users in their (randomly relabelled, fixed) order, each user's ratings in their fixed shuffled
     * order. A tile's item rows stay in cache, the user rows and the rating arrays are read in sequence.
     */
    static int[] segmentOrder(int[] tileSegments, SplittableRandom rnd) {
        int tiles = tileSegments.length - 1;
        int[] tileOrder = new int[tiles];
        for (int x = 0; x < tiles; x++) {
            tileOrder[x] = x;
        }
        shuffle(tileOrder, 0, tiles, rnd);
        int[] order = new int[tileSegments[tiles]];
        int o = 0;
        for (int x : tileOrder) {
            for (int g = tileSegments[x]; g < tileSegments[x + 1]; g++) {
                order[o++] = g;
            }
        }
        return order;
    }

    private static void shuffle(int[] a, int from, int to, SplittableRandom rnd) {
        for (int t = to - 1; t > from; t--) {
            int j = from + rnd.nextInt(t - from + 1);
            int tmp = a[t];
            a[t] = a[j];
            a[j] = tmp;
        }
    }

    private static Dataset<Row> toTable(SparkSession spark, JavaRDD<FactorState> states) {
        JavaRDD<Row> rows = states.flatMap(st -> {
            int k = st.k;
            List<Row> out = new ArrayList<>(st.ids.length);
            for (int a = 0; a < st.ids.length; a++) {
                Float[] v = new Float[k];
                for (int f = 0; f < k; f++) {
                    v[f] = st.vectors[a * st.stride + f];
                }
                out.add(RowFactory.create(st.ids[a], st.biases[a], BlockedTopKScorer.vector(v)));
            }
            return out.iterator();
        });
        return spark.createDataFrame(rows, FACTORS);
    }
}
