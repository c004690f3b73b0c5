package animerec.model.als;

import animerec.model.factor.BlockedTopKScorer;
import animerec.util.Seeds;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Distributed alternating least squares with a conjugate-gradient solver ({@link CgSolver}), on blocks in the
 * manner of MLlib's ALS: users are hashed into {@code userBlocks} blocks and items into {@code itemBlocks}, and
 * each block keeps its entities' ratings as compressed rows that point into a packed array of the other side's
 * factors. A half-iteration sends, from every block of the fixed side, just the rows each block of the solved side
 * needs (worked out once, at set-up), plus the block's partial Gram matrix YᵀY in implicit mode; each receiving
 * block sums the partial Gram matrices in block order and solves its entities, warm-started from their previous
 * factors. Factors never pass through the driver.
 *
 * <p>The objective is MLlib's: confidence c = 1 + α·r, preference 1 for every interaction (implicit), or the ratings
 * themselves (explicit), and a regularisation λ·n for an entity with n ratings. So {@code reg_param} and
 * {@code alpha} mean what they mean for {@code als-mllib}, and its serving fold-in holds. Items are solved first,
 * then users, every iteration, as MLlib does. Initial factors are drawn per id from the seed and rows keep a
 * canonical order, so the same seed and block counts give the same bits on any cluster and any input order.
 */
public final class BlockedAls {
    static final StructType INDEX_FACTORS = new StructType()
            .add("id", DataTypes.IntegerType, false)
            .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false);
    private static final long USER_SALT = 0x1B873593L;
    private static final long ITEM_SALT = 0x6A09E667L;

    private BlockedAls() {
    }

    /** What to fit. {@code cgSteps == 0} solves every least-squares step exactly. */
    public record Settings(int rank, int iterations, double reg, boolean implicit, double alpha, int cgSteps,
                           int userBlocks, int itemBlocks, int checkpointInterval) implements Serializable {
    }

    /**
     * The fitted factors: {@code (user_id, user_index)} and {@code (anime_id, item_index)} id tables, and
     * {@code (id, features)} factor tables keyed by those indices (the layout MLlib's ALSModel saves).
     */
    public record Result(Dataset<Row> users, Dataset<Row> items, Dataset<Row> userFactors, Dataset<Row> itemFactors,
                         long ratings, double meanRating, double[] iterationSeconds) {
        /** {@code user_id, vector}, as {@link AlsModel#userVectors}. */
        public Dataset<Row> userVectors() {
            return AlsModel.vectors(users, userFactors, AlsModel.USER_INDEX, animerec.data.Columns.USER);
        }

        /** {@code anime_id, vector}, as {@link AlsModel#itemVectors}. */
        public Dataset<Row> itemVectors() {
            return AlsModel.vectors(items, itemFactors, AlsModel.ITEM_INDEX, animerec.data.Columns.ITEM);
        }
    }

    /** Ratings on their way to one block of the {@code dst} side ({@code src} is the other side's id): arrays, not objects. */
    static final class Chunk implements Serializable {
        private static final long serialVersionUID = 1L;
        long[] dst = new long[256];
        long[] src = new long[256];
        float[] value = new float[256];
        int n;

        void add(long d, long s, float v) {
            if (n == dst.length) {
                dst = Arrays.copyOf(dst, 2 * n);
                src = Arrays.copyOf(src, 2 * n);
                value = Arrays.copyOf(value, 2 * n);
            }
            dst[n] = d;
            src[n] = s;
            value[n] = v;
            n++;
        }

        private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
            dst = Arrays.copyOf(dst, n); // only the filled part travels
            src = Arrays.copyOf(src, n);
            value = Arrays.copyOf(value, n);
            out.defaultWriteObject();
        }
    }

    /** One block of one side: its entities, their ratings as rows of the other side's packed factors. */
    static final class InBlock implements Serializable {
        private static final long serialVersionUID = 1L;
        final int block;
        final long[] ids;      // sorted; entity e is ids[e]
        final int[] start;     // entity e's ratings at [start[e], start[e + 1])
        final int[] cols;      // row in the packed source factors
        final float[] weights; // w_j of CgSolver
        final float[] targets; // t_j of CgSolver
        final long[][] needed; // per source block: the source ids this block's rows come from, sorted
        final int[] offset;    // per source block: where its rows start in the packed array (one more at the end)
        final double valueSum; // of the ratings' r, in their canonical order

        InBlock(int block, long[] ids, int[] start, int[] cols, float[] weights, float[] targets, long[][] needed,
                int[] offset, double valueSum) {
            this.block = block;
            this.ids = ids;
            this.start = start;
            this.cols = cols;
            this.weights = weights;
            this.targets = targets;
            this.needed = needed;
            this.offset = offset;
            this.valueSum = valueSum;
        }
    }

    /** Per destination block, the local rows of this source block it needs, in the order of its {@code needed}. */
    static final class OutBlock implements Serializable {
        private static final long serialVersionUID = 1L;
        final int[][] rows;

        OutBlock(int[][] rows) {
            this.rows = rows;
        }
    }

    /** A block's factors, row e for its InBlock's entity e. */
    static final class Factors implements Serializable {
        private static final long serialVersionUID = 1L;
        final int block;
        final float[] v;

        Factors(int block, float[] v) {
            this.block = block;
            this.v = v;
        }
    }

    /** What one source block sends one destination block. */
    static final class Message implements Serializable {
        private static final long serialVersionUID = 1L;
        final int source;
        final float[] rows;
        final double[] gram;

        Message(int source, float[] rows, double[] gram) {
            this.source = source;
            this.rows = rows;
            this.gram = gram;
        }
    }

    static int block(long id, int d, long salt) {
        return (int) Math.floorMod(Seeds.mix(id * 0x9E3779B97F4A7C15L + salt), (long) d);
    }

    /**
     * Fits the factors.
     *
     * @param ratings {@code user_id, anime_id, rating} (a double, never null: the caller decides what r is)
     */
    public static Result train(Dataset<Row> ratings, Settings s, long seed) {
        SparkSession spark = ratings.sparkSession();
        int du = s.userBlocks();
        int di = s.itemBlocks();
        JavaRDD<Row> rows = ratings.javaRDD();
        JavaRDD<InBlock> userIn = inBlocks(rows, 0, du, USER_SALT, di, ITEM_SALT, s);
        JavaRDD<InBlock> itemIn = inBlocks(rows, 1, di, ITEM_SALT, du, USER_SALT, s);
        long count = 0;
        double sum = 0;
        for (double[] c : userIn.map(b -> new double[] {b.cols.length, b.valueSum}).collect()) { // in block order
            count += (long) c[0];
            sum += c[1];
        }
        if (count == 0) {
            throw new animerec.util.UserError("als: the training data has no "
                    + (s.implicit() ? "interactions" : "rated interactions"));
        }
        JavaRDD<OutBlock> userOut = outBlocks(itemIn, userIn, du); // what user blocks send item blocks
        JavaRDD<OutBlock> itemOut = outBlocks(userIn, itemIn, di); // what item blocks send user blocks
        JavaRDD<Factors> users = userIn.map(in -> initial(in, s.rank(), seed, USER_SALT)).persist(StorageLevel.MEMORY_AND_DISK());
        JavaRDD<Factors> items = itemIn.map(in -> initial(in, s.rank(), seed, ITEM_SALT)).persist(StorageLevel.MEMORY_AND_DISK());

        double[] seconds = new double[s.iterations()];
        long start = System.nanoTime();
        long lastLine = start;
        for (int it = 0; it < s.iterations(); it++) {
            long t0 = System.nanoTime();
            JavaRDD<Factors> nextItems = halfStep(users, userOut, itemIn, items, di, s).persist(StorageLevel.MEMORY_AND_DISK());
            JavaRDD<Factors> nextUsers = halfStep(nextItems, itemOut, userIn, users, du, s).persist(StorageLevel.MEMORY_AND_DISK());
            if ((it + 1) % s.checkpointInterval() == 0) {
                nextItems.rdd().localCheckpoint(); // truncates the lineage, which grows every half-step
                nextUsers.rdd().localCheckpoint();
            }
            nextUsers.count();
            users.unpersist(false);
            items.unpersist(false);
            users = nextUsers;
            items = nextItems;
            seconds[it] = (System.nanoTime() - t0) / 1e9;
            if (System.nanoTime() - lastLine > 5_000_000_000L && it + 1 < s.iterations()) {
                animerec.util.Progress.line("  als: iteration %d of %d (%.1f s so far)", it + 1, s.iterations(),
                        animerec.util.Progress.seconds(start));
                lastLine = System.nanoTime();
            }
        }
        Dataset<Row> userIndex = indexTable(spark, userIn, du, animerec.data.Columns.USER, AlsModel.USER_INDEX);
        Dataset<Row> itemIndex = indexTable(spark, itemIn, di, animerec.data.Columns.ITEM, AlsModel.ITEM_INDEX);
        Dataset<Row> userFactors = factorTable(spark, userIn, users, du).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> itemFactors = factorTable(spark, itemIn, items, di).persist(StorageLevel.MEMORY_AND_DISK());
        userFactors.count();
        itemFactors.count();
        userIndex = userIndex.persist(StorageLevel.MEMORY_AND_DISK());
        itemIndex = itemIndex.persist(StorageLevel.MEMORY_AND_DISK());
        userIndex.count();
        itemIndex.count();
        for (JavaRDD<?> done : List.of(users, items, userIn, itemIn, userOut, itemOut)) {
            done.unpersist(false);
        }
        return new Result(userIndex, itemIndex, userFactors, itemFactors, count, sum / count, seconds);
    }

    /**
     * Groups the ratings by the block of their {@code dst} side (column {@code dstColumn} of the rows; the other of
     * columns 0 and 1 is the source side), one InBlock per block, possibly empty. Each input partition sends one
     * {@link Chunk} of arrays per block.
     */
    static JavaRDD<InBlock> inBlocks(JavaRDD<Row> rows, int dstColumn, int d, long salt, int dSrc, long srcSalt, Settings s) {
        int srcColumn = 1 - dstColumn;
        return rows.mapPartitionsToPair(it -> {
            Chunk[] chunks = new Chunk[d];
            while (it.hasNext()) {
                Row r = it.next();
                long dst = r.getLong(dstColumn);
                int b = block(dst, d, salt);
                if (chunks[b] == null) {
                    chunks[b] = new Chunk();
                }
                chunks[b].add(dst, r.getLong(srcColumn), (float) r.getDouble(2));
            }
            List<Tuple2<Integer, Chunk>> out = new ArrayList<>();
            for (int b = 0; b < d; b++) {
                if (chunks[b] != null) {
                    out.add(new Tuple2<>(b, chunks[b]));
                }
            }
            return out.iterator();
        }).partitionBy(new HashPartitioner(d))
                .mapPartitionsWithIndex((p, it) -> List.of(inBlock(p, it, dSrc, srcSalt, s)).iterator(), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    static InBlock inBlock(int block, Iterator<Tuple2<Integer, Chunk>> it, int dSrc, long srcSalt, Settings s) {
        Chunk all = new Chunk();
        while (it.hasNext()) {
            Chunk c = it.next()._2();
            for (int t = 0; t < c.n; t++) {
                all.add(c.dst[t], c.src[t], c.value[t]);
            }
        }
        int n = all.n;
        long[] dst = all.dst;
        long[] src = all.src;
        float[] value = all.value;
        long[] ids = Arrays.stream(Arrays.copyOf(dst, n)).sorted().distinct().toArray();
        int[] srcBlock = new int[n];
        int[] counts = new int[dSrc];
        for (int t = 0; t < n; t++) {
            srcBlock[t] = block(src[t], dSrc, srcSalt);
            counts[srcBlock[t]]++;
        }
        long[][] needed = new long[dSrc][];
        int[] fill = new int[dSrc];
        for (int b = 0; b < dSrc; b++) {
            needed[b] = new long[counts[b]];
        }
        for (int t = 0; t < n; t++) {
            needed[srcBlock[t]][fill[srcBlock[t]]++] = src[t];
        }
        int[] offset = new int[dSrc + 1];
        for (int b = 0; b < dSrc; b++) {
            needed[b] = Arrays.stream(needed[b]).sorted().distinct().toArray();
            offset[b + 1] = offset[b] + needed[b].length;
        }
        // each entity's ratings sorted by (column, value bits): a canonical order, whatever the arrival order
        int[] start = new int[ids.length + 1];
        int[] entity = new int[n];
        for (int t = 0; t < n; t++) {
            entity[t] = Arrays.binarySearch(ids, dst[t]);
            start[entity[t] + 1]++;
        }
        for (int e = 0; e < ids.length; e++) {
            start[e + 1] += start[e];
        }
        long[] keys = new long[n];
        int[] at = Arrays.copyOf(start, ids.length);
        for (int t = 0; t < n; t++) {
            int b = srcBlock[t];
            long col = offset[b] + Arrays.binarySearch(needed[b], src[t]);
            keys[at[entity[t]]++] = (col << 32) | (Float.floatToRawIntBits(value[t]) & 0xffffffffL);
        }
        int[] cols = new int[n];
        float[] weights = new float[n];
        float[] targets = new float[n];
        float alpha = (float) s.alpha();
        for (int e = 0; e < ids.length; e++) {
            Arrays.sort(keys, start[e], start[e + 1]);
        }
        double sum = 0;
        for (int t = 0; t < n; t++) {
            cols[t] = (int) (keys[t] >>> 32);
            float r = Float.intBitsToFloat((int) keys[t]);
            sum += r;
            if (s.implicit()) {
                weights[t] = alpha * Math.abs(r);
                targets[t] = r > 0 ? 1f + weights[t] : 0f;
            } else {
                weights[t] = 1f;
                targets[t] = r;
            }
        }
        return new InBlock(block, ids, start, cols, weights, targets, needed, offset, sum);
    }

    /** For every block of {@code source}, the local rows each block of {@code dest} needs from it. */
    static JavaRDD<OutBlock> outBlocks(JavaRDD<InBlock> dest, JavaRDD<InBlock> source, int dSource) {
        int dDest = dest.getNumPartitions();
        JavaPairRDD<Integer, Tuple2<Integer, long[]>> wants = dest.flatMapToPair(in -> {
            List<Tuple2<Integer, Tuple2<Integer, long[]>>> out = new ArrayList<>(in.needed.length);
            for (int b = 0; b < in.needed.length; b++) {
                out.add(new Tuple2<>(b, new Tuple2<>(in.block, in.needed[b])));
            }
            return out.iterator();
        }).partitionBy(new HashPartitioner(dSource));
        return source.zipPartitions(wants.values(), (si, wi) -> {
            InBlock src = si.next();
            int[][] rows = new int[dDest][];
            Arrays.fill(rows, new int[0]);
            while (wi.hasNext()) {
                Tuple2<Integer, long[]> w = wi.next();
                int[] r = new int[w._2().length];
                for (int a = 0; a < r.length; a++) {
                    r[a] = Arrays.binarySearch(src.ids, w._2()[a]);
                }
                rows[w._1()] = r;
            }
            return List.of(new OutBlock(rows)).iterator();
        }).persist(StorageLevel.MEMORY_AND_DISK());
    }

    static Factors initial(InBlock in, int k, long seed, long salt) {
        float[] v = new float[in.ids.length * k];
        for (int e = 0; e < in.ids.length; e++) {
            SplittableRandom rnd = new SplittableRandom(Seeds.mix(seed * 0x632BE59BD9B4E019L + salt * 0x9E3779B97F4A7C15L + in.ids[e]));
            double norm = 0;
            for (int f = 0; f < k; f++) {
                double g = Seeds.gaussian(rnd);
                v[e * k + f] = (float) g;
                norm += g * g;
            }
            float scale = (float) (1 / Math.sqrt(norm)); // unit length, as MLlib starts
            for (int f = 0; f < k; f++) {
                v[e * k + f] *= scale;
            }
        }
        return new Factors(in.block, v);
    }

    /** Solves the {@code dest} side from the {@code source} side's factors. */
    static JavaRDD<Factors> halfStep(JavaRDD<Factors> source, JavaRDD<OutBlock> sourceOut, JavaRDD<InBlock> dest,
                                     JavaRDD<Factors> destPrevious, int dDest, Settings s) {
        int k = s.rank();
        boolean implicit = s.implicit();
        JavaPairRDD<Integer, Message> messages = source.zipPartitions(sourceOut, (fi, oi) -> {
            Factors f = fi.next();
            OutBlock o = oi.next();
            double[] gram = implicit ? animerec.model.factor.FloatOps.gram(f.v, k) : null;
            List<Tuple2<Integer, Message>> out = new ArrayList<>(o.rows.length);
            for (int p = 0; p < o.rows.length; p++) {
                int[] rows = o.rows[p];
                float[] packed = new float[rows.length * k];
                for (int a = 0; a < rows.length; a++) {
                    System.arraycopy(f.v, rows[a] * k, packed, a * k, k);
                }
                out.add(new Tuple2<>(p, new Message(f.block, packed, gram)));
            }
            return out.iterator();
        }).mapToPair(t -> t).partitionBy(new HashPartitioner(dDest));
        JavaRDD<Tuple2<InBlock, Factors>> state = dest.zipPartitions(destPrevious, (ii, fi) ->
                List.of(new Tuple2<>(ii.next(), fi.next())).iterator());
        return state.zipPartitions(messages.values(), (si, mi) -> {
            Tuple2<InBlock, Factors> t = si.next();
            return List.of(solveBlock(t._1(), t._2(), mi, k, s)).iterator();
        });
    }

    /** Solves every entity of a block; the messages hold the packed source rows and partial Gram matrices. */
    static Factors solveBlock(InBlock in, Factors previous, Iterator<Message> messages, int k, Settings s) {
        int dSrc = in.needed.length;
        Message[] bySource = new Message[dSrc];
        while (messages.hasNext()) {
            Message m = messages.next();
            bySource[m.source] = m;
        }
        float[] y = new float[in.offset[dSrc] * k];
        double[] gramSum = s.implicit() ? new double[k * k] : null;
        for (int b = 0; b < dSrc; b++) {
            Message m = bySource[b];
            if (m == null) {
                throw new IllegalStateException("als: block " + in.block + " got no message from source block " + b);
            }
            System.arraycopy(m.rows, 0, y, in.offset[b] * k, m.rows.length);
            if (gramSum != null) {
                for (int a = 0; a < gramSum.length; a++) {
                    gramSum[a] += m.gram[a];
                }
            }
        }
        float[] gram = null;
        if (gramSum != null) {
            gram = new float[k * k];
            for (int a = 0; a < gram.length; a++) {
                gram[a] = (float) gramSum[a];
            }
        }
        float[] x = previous.v.clone();
        CgSolver solver = new CgSolver(k);
        for (int e = 0; e < in.ids.length; e++) {
            int from = in.start[e];
            int to = in.start[e + 1];
            float lambda = (float) (s.reg() * (to - from));
            solver.solve(gram, lambda, y, in.cols, in.weights, in.targets, from, to, x, e * k, s.cgSteps());
        }
        return new Factors(in.block, x);
    }

    private static Dataset<Row> indexTable(SparkSession spark, JavaRDD<InBlock> in, int d, String idColumn, String indexColumn) {
        JavaRDD<Row> rows = in.flatMap(b -> {
            List<Row> out = new ArrayList<>(b.ids.length);
            for (int e = 0; e < b.ids.length; e++) {
                out.add(RowFactory.create(b.ids[e], index(e, b.block, d)));
            }
            return out.iterator();
        });
        return spark.createDataFrame(rows, new StructType().add(idColumn, DataTypes.LongType, false)
                .add(indexColumn, DataTypes.IntegerType, false));
    }

    /** Entity e of block b: a dense-enough int, unique without any coordination between blocks. */
    static int index(int e, int block, int d) {
        long i = (long) e * d + block;
        if (i > Integer.MAX_VALUE) {
            throw new IllegalStateException("als: more than 2^31 / " + d + " entities in one block");
        }
        return (int) i;
    }

    private static Dataset<Row> factorTable(SparkSession spark, JavaRDD<InBlock> in, JavaRDD<Factors> factors, int d) {
        JavaRDD<Row> rows = in.zipPartitions(factors, (ii, fi) -> {
            InBlock b = ii.next();
            Factors f = fi.next();
            int k = b.ids.length == 0 ? 0 : f.v.length / b.ids.length;
            List<Row> out = new ArrayList<>(b.ids.length);
            for (int e = 0; e < b.ids.length; e++) {
                Float[] v = new Float[k];
                for (int a = 0; a < k; a++) {
                    v[a] = f.v[e * k + a];
                }
                out.add(RowFactory.create(index(e, b.block, d), BlockedTopKScorer.vector(v)));
            }
            return out.iterator();
        });
        return spark.createDataFrame(rows, INDEX_FACTORS);
    }
}
