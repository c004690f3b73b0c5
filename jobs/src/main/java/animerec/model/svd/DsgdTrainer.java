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
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
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
 * and no item — with the factors of item block (p + s) mod d, which then move to the next partition (one
 * small shuffle of item factors per sub-epoch; ratings never move after the first shuffle). Every random
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

    /** Ratings of one user block, grouped by item block; user and item indices are block-local. */
    static final class RatingPartition implements Serializable {
        private static final long serialVersionUID = 1L;
        final int userBlock;
        final long[] userIds;
        final int[][] users;
        final int[][] items;
        final float[][] values;

        RatingPartition(int userBlock, long[] userIds, int[][] users, int[][] items, float[][] values) {
            this.userBlock = userBlock;
            this.userIds = userIds;
            this.users = users;
            this.items = items;
            this.values = values;
        }
    }

    /** Factors of one block of users or items. */
    static final class FactorState implements Serializable {
        private static final long serialVersionUID = 1L;
        final int block;
        final long[] ids;
        final float[] vectors;
        final float[] biases;

        FactorState(int block, long[] ids, float[] vectors, float[] biases) {
            this.block = block;
            this.ids = ids;
            this.vectors = vectors;
            this.biases = biases;
        }

        FactorState copy() {
            return new FactorState(block, ids, vectors.clone(), biases.clone());
        }
    }

    /** Sends item block b to the partition that needs it in sub-epoch {@code shift}: (b − shift) mod d. */
    static final class ShiftPartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int d;
        private final int shift;

        ShiftPartitioner(int d, int shift) {
            this.d = d;
            this.shift = shift;
        }

        @Override
        public int numPartitions() {
            return d;
        }

        @Override
        public int getPartition(Object key) {
            return Math.floorMod((Integer) key - shift, d);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ShiftPartitioner p && p.d == d && p.shift == shift;
        }

        @Override
        public int hashCode() {
            return 31 * d + shift;
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

        JavaRDD<RatingPartition> partitions = rated.javaRDD()
                .mapToPair(r -> new Tuple2<>(userBlock(r.getLong(0), d),
                        new Rating(r.getLong(0), r.getLong(1), (float) r.getDouble(2))))
                .partitionBy(new HashPartitioner(d))
                .mapPartitionsWithIndex((p, it) -> List.of(buildPartition(p, it, bItemIds.value())).iterator(), true)
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
        JavaPairRDD<Integer, FactorState> items = jsc.parallelize(range(d), d)
                .mapToPair(b -> new Tuple2<>(b, initial(b, bItemIds.value()[b], k, s, seed, 2L)))
                .partitionBy(new ShiftPartitioner(d, 0));

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
                JavaRDD<Tuple2<FactorState, FactorState>> out = withUsers.zipPartitions(items.values(), (ri, ii) -> {
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
                int next = (sub + 1) % d;
                items = out.mapToPair(t -> new Tuple2<>(t._2().block, t._2())).partitionBy(new ShiftPartitioner(d, next));
            }
            epochSeconds[epoch] = (System.nanoTime() - t0) / 1e9;
            kernelSeconds[epoch] = kernelNanos.value() / 1e9;
            kernelNanos.reset();
            if (listener != null) {
                listener.epochDone(epoch + 1, epochSeconds[epoch]);
                if (listener.wantsSnapshot(epoch + 1)) {
                    listener.snapshot(epoch + 1, snapshots.apply(new Result(toTable(spark, users), toTable(spark, items.values()), mu, min, max,
                            epochSeconds, kernelSeconds, count, d)));
                }
            }
        }
        Dataset<Row> userFactors = toTable(spark, users);
        Dataset<Row> itemFactors = toTable(spark, items.values());
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

    static RatingPartition buildPartition(int p, Iterator<Tuple2<Integer, Rating>> it, long[][] itemIds) {
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
        long[] userIds = Arrays.stream(Arrays.copyOf(us, n)).sorted().distinct().toArray();
        int[] counts = new int[d];
        int[] blockOf = new int[n];
        long[] keys = new long[n]; // (user index << 32 | item index): a canonical order, independent of arrival
        for (int t = 0; t < n; t++) {
            int b = itemBlock(is[t], d);
            blockOf[t] = b;
            counts[b]++;
            long u = Arrays.binarySearch(userIds, us[t]);
            long i = Arrays.binarySearch(itemIds[b], is[t]);
            keys[t] = (u << 32) | i;
        }
        int[][] users = new int[d][];
        int[][] items = new int[d][];
        float[][] values = new float[d][];
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
            users[b] = new int[sorted.length];
            items[b] = new int[sorted.length];
            for (int t = 0; t < sorted.length; t++) {
                users[b][t] = (int) (sorted[t] >>> 32);
                items[b][t] = (int) (sorted[t] & 0xffffffffL);
            }
            values[b] = blockValues;
        }
        return new RatingPartition(p, userIds, users, items, values);
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
        float[] v = new float[ids.length * k];
        for (int a = 0; a < ids.length; a++) {
            SplittableRandom rnd = new SplittableRandom(Seeds.mix(seed * 0x632BE59BD9B4E019L + salt * 0x9E3779B97F4A7C15L + ids[a]));
            for (int f = 0; f < k; f++) {
                v[a * k + f] = (float) (s.initMean() + s.initStd() * Seeds.gaussian(rnd));
            }
        }
        return new FactorState(block, ids, v, new float[ids.length]);
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
        int[] us = rp.users[ib];
        int[] is = rp.items[ib];
        float[] rs = rp.values[ib];
        int[] order = visitOrder(us, new SplittableRandom(
                Seeds.mix(seed + 0x51ED27L * (epoch + 1) + 0x3C6EF372L * (rp.userBlock * 65_537L + ib))));
        long k0 = System.nanoTime();
        sgd(order, us, is, rs, u.vectors, u.biases, it.vectors, it.biases, s.factors(), mu, s.biased(),
                s.lrBu() * decay, s.lrBi() * decay, s.lrPu() * decay, s.lrQi() * decay,
                s.regBu(), s.regBi(), s.regPu(), s.regQi());
        kernelNanos.add(System.nanoTime() - k0); // time inside the SGD loop, summed over tasks
        return List.of(new Tuple2<>(u, it)).iterator();
    }

    /**
     * This epoch's visiting order of a block's ratings, which are stored sorted by user: the users' segments
     * in a seeded random order, and each user's ratings in a seeded random order. A user's factors then stay
     * in cache while their ratings are processed, and the rating arrays are read almost sequentially — a
     * fully random permutation makes every rating a handful of cache misses and runs several times slower.
     */
    static int[] visitOrder(int[] usersSorted, SplittableRandom rnd) {
        int n = usersSorted.length;
        int segments = 0;
        for (int t = 0; t < n; t++) {
            if (t == 0 || usersSorted[t] != usersSorted[t - 1]) {
                segments++;
            }
        }
        int[] starts = new int[segments + 1];
        int s = 0;
        for (int t = 0; t < n; t++) {
            if (t == 0 || usersSorted[t] != usersSorted[t - 1]) {
                starts[s++] = t;
            }
        }
        starts[segments] = n;
        int[] segOrder = new int[segments];
        for (int g = 0; g < segments; g++) {
            segOrder[g] = g;
        }
        shuffle(segOrder, 0, segments, rnd);
        int[] order = new int[n];
        int o = 0;
        for (int g : segOrder) {
            int from = o;
            for (int t = starts[g]; t < starts[g + 1]; t++) {
                order[o++] = t;
            }
            shuffle(order, from, o, rnd);
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

    /** Plain SGD over one block, Surprise's update rule, on primitive arrays. */
    static void sgd(int[] order, int[] us, int[] is, float[] rs, float[] p, float[] bu, float[] q, float[] bi, int k,
                    float mu, boolean biased, float lrBu, float lrBi, float lrPu, float lrQi,
                    float regBu, float regBi, float regPu, float regQi) {
        for (int t : order) {
            int u = us[t];
            int i = is[t];
            int pu = u * k;
            int qi = i * k;
            float dot = 0f;
            for (int f = 0; f < k; f++) {
                dot += p[pu + f] * q[qi + f];
            }
            float err = biased ? rs[t] - (mu + bu[u] + bi[i] + dot) : rs[t] - dot;
            if (biased) {
                bu[u] += lrBu * (err - regBu * bu[u]);
                bi[i] += lrBi * (err - regBi * bi[i]);
            }
            for (int f = 0; f < k; f++) {
                float puf = p[pu + f];
                float qif = q[qi + f];
                p[pu + f] = puf + lrPu * (err * qif - regPu * puf);
                q[qi + f] = qif + lrQi * (err * puf - regQi * qif);
            }
        }
    }

    private static Dataset<Row> toTable(SparkSession spark, JavaRDD<FactorState> states) {
        JavaRDD<Row> rows = states.flatMap(st -> {
            int k = st.ids.length == 0 ? 0 : st.vectors.length / st.ids.length;
            List<Row> out = new ArrayList<>(st.ids.length);
            for (int a = 0; a < st.ids.length; a++) {
                Float[] v = new Float[k];
                for (int f = 0; f < k; f++) {
                    v[f] = st.vectors[a * k + f];
                }
                out.add(RowFactory.create(st.ids[a], st.biases[a], BlockedTopKScorer.vector(v)));
            }
            return out.iterator();
        });
        return spark.createDataFrame(rows, FACTORS);
    }
}
