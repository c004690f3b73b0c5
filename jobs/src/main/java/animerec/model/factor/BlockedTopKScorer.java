package animerec.model.factor;

import static org.apache.spark.sql.functions.arrays_zip;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import animerec.data.Columns;
import animerec.model.Recommendations;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.FlatMapFunction2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Top-K for many users from factor vectors, shared by every factor model (score = user vector · item vector).
 * Users are cut into blocks of {@code userBlockSize}, items into blocks of {@code itemBlockSize} packed in
 * {@link TopKKernel}'s panels; each block pair is multiplied by that register-blocked kernel and each user keeps
 * a bounded primitive heap, skipping seen items. When the item factors are small (≤ {@code broadcastLimitBytes}) they are
 * broadcast and each user block is scored against all items in one task, with no shuffle of partial
 * results; otherwise user and item blocks are paired with a cartesian product and the partial top-K lists
 * merged per user block. Ties rank the lower item id first.
 */
public final class BlockedTopKScorer implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public static final String VECTOR = "vector";
    /** What {@link #recommend} takes as user vectors: {@code user_id, vector array<float>}. */
    public static final StructType USER_VECTORS = new StructType()
            .add(Columns.USER, DataTypes.LongType, false)
            .add(VECTOR, DataTypes.createArrayType(DataTypes.FloatType, false), false);
    /** What {@link #recommend} takes as item vectors: {@code anime_id, vector array<float>}. */
    public static final StructType ITEM_VECTORS = new StructType()
            .add(Columns.ITEM, DataTypes.LongType, false)
            .add(VECTOR, DataTypes.createArrayType(DataTypes.FloatType, false), false);

    /** A vector as the Scala Seq that Spark's row encoders expect for an array column. */
    public static scala.collection.immutable.Seq<Float> vector(Float[] values) {
        return scala.jdk.javaapi.CollectionConverters.asScala(java.util.Arrays.asList(values)).toList();
    }

    private final int userBlockSize;
    private final int itemBlockSize;
    private final long broadcastLimitBytes;

    public BlockedTopKScorer(int userBlockSize, int itemBlockSize, long broadcastLimitBytes) {
        if (userBlockSize <= 0 || itemBlockSize <= 0) {
            throw new IllegalArgumentException("block sizes must be positive");
        }
        this.userBlockSize = userBlockSize;
        this.itemBlockSize = itemBlockSize;
        this.broadcastLimitBytes = broadcastLimitBytes;
    }

    /** 1,024 users × 4,096 items per block; broadcast items up to 256 MB of factors. */
    public static BlockedTopKScorer defaults() {
        return new BlockedTopKScorer(1024, 4096, 256L << 20);
    }

    /**
     * @param userVectors {@code user_id, vector array<float>}
     * @param itemVectors {@code anime_id, vector array<float>} (the same length as the user vectors)
     * @param users       {@code user_id} of the users to score (users without a vector get no rows)
     * @param seen        {@code user_id, anime_id} pairs never recommended (may be empty)
     * @return {@code user_id, anime_id, rank, score}
     */
    public Dataset<Row> recommend(Dataset<Row> userVectors, Dataset<Row> itemVectors, Dataset<Row> users,
                                  Dataset<Row> seen, int k) {
        SparkSession spark = userVectors.sparkSession();
        // Each user's vector and seen items meet in one pass: both sides sent by user to the same partitions in
        // bulk chunks (UserExchange), zipped, and grouped into primitive arrays (no collect_list, no join of the
        // lists). Both are read as Spark's internal rows, with no conversion to Row objects.
        int parts = 2 * spark.sparkContext().defaultParallelism();
        // internal rows read a null id as 0: rows with a null id or vector are dropped here (a join dropped them before)
        Dataset<Row> vectorRows = userVectors.select(col(Columns.USER).cast("long").as(Columns.USER),
                col(VECTOR).cast(FLOATS).as(VECTOR)).where(col(Columns.USER).isNotNull().and(col(VECTOR).isNotNull()));
        Dataset<Row> targets = users.select(col(Columns.USER).cast("long").as(Columns.USER))
                .where(col(Columns.USER).isNotNull());
        Dataset<Row> seenPairs = seen.select(col(Columns.USER).cast("long").as(Columns.USER),
                col(Columns.ITEM).cast("long").as(Columns.ITEM))
                .where(col(Columns.USER).isNotNull().and(col(Columns.ITEM).isNotNull()));
        int ub = userBlockSize;
        JavaRDD<FactorBlocks.UserBlock> userBlocks = UserExchange.vectors(internalRows(vectorRows), internalRows(targets), parts)
                .zipPartitions(UserExchange.seen(internalRows(seenPairs), parts),
                        (FlatMapFunction2<java.util.Iterator<UserExchange.Chunk>, java.util.Iterator<UserExchange.Chunk>,
                                FactorBlocks.UserBlock>) (vs, ss) -> UserExchange.userBlocks(vs, ss, ub));
        int ib = itemBlockSize;
        Dataset<Row> itemRows = itemVectors.select(col(Columns.ITEM).cast("long").as(Columns.ITEM),
                col(VECTOR).cast(FLOATS).as(VECTOR)).where(col(Columns.ITEM).isNotNull().and(col(VECTOR).isNotNull()));
        JavaRDD<FactorBlocks.ItemBlock> itemBlocks = internalRows(itemRows)
                .mapPartitions((FlatMapFunction<java.util.Iterator<InternalRow>, FactorBlocks.ItemBlock>) rows -> itemBlocks(rows, ib));
        List<Row> firstItem = itemVectors.select(VECTOR).takeAsList(1);
        if (firstItem.isEmpty()) {
            return spark.createDataFrame(java.util.Collections.<Row>emptyList(), Recommendations.SCHEMA);
        }
        int rank = firstItem.get(0).getList(0).size();
        long items = itemVectors.count();
        JavaRDD<FactorBlocks.Partial> partials;
        if (items * rank * 4L <= broadcastLimitBytes) {
            List<FactorBlocks.ItemBlock> all = itemBlocks.collect();
            Broadcast<FactorBlocks.ItemBlock[]> bItems = JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .broadcast(all.toArray(new FactorBlocks.ItemBlock[0]));
            partials = userBlocks.map(u -> FactorBlocks.score(u, bItems.value(), rank, k));
        } else {
            JavaPairRDD<Long, FactorBlocks.UserBlock> keyed = userBlocks.zipWithUniqueId().mapToPair(t -> new Tuple2<>(t._2(), t._1()));
            partials = keyed.cartesian(itemBlocks)
                    .mapToPair(t -> new Tuple2<>(t._1()._1(),
                            FactorBlocks.score(t._1()._2(), new FactorBlocks.ItemBlock[] {t._2()}, rank, k)))
                    .reduceByKey((x, y) -> FactorBlocks.merge(x, y, k))
                    .values();
        }
        // One row per user block holding four parallel primitive arrays, exploded by Spark's generated code: a
        // Row object per recommendation (2M at the benchmark size) cost more than the scoring it reports.
        JavaRDD<Row> blocks = partials.map(BlockedTopKScorer::flatten);
        return spark.createDataFrame(blocks, BLOCK_RESULTS)
                .select(explode(arrays_zip(col(Columns.USER), col(Columns.ITEM), col(Columns.RANK), col(Columns.SCORE)))
                        .as("r"))
                .select(col("r." + Columns.USER), col("r." + Columns.ITEM), col("r." + Columns.RANK),
                        col("r." + Columns.SCORE));
    }

    private static final String FLOATS = "array<float>";

    /** A block's results as parallel arrays: {@code user_id, anime_id, rank, score}, one entry per recommendation. */
    private static final StructType BLOCK_RESULTS = new StructType()
            .add(Columns.USER, DataTypes.createArrayType(DataTypes.LongType, false), false)
            .add(Columns.ITEM, DataTypes.createArrayType(DataTypes.LongType, false), false)
            .add(Columns.RANK, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
            .add(Columns.SCORE, DataTypes.createArrayType(DataTypes.DoubleType, false), false);

    private static Row flatten(FactorBlocks.Partial p) {
        int n = 0;
        for (long[] list : p.items) {
            n += list.length;
        }
        long[] userIds = new long[n];
        long[] itemIds = new long[n];
        int[] ranks = new int[n];
        double[] scores = new double[n];
        int e = 0;
        for (int a = 0; a < p.users.length; a++) {
            for (int r = 0; r < p.items[a].length; r++, e++) {
                userIds[e] = p.users[a];
                itemIds[e] = p.items[a][r];
                ranks[e] = r + 1;
                scores[e] = p.scores[a][r];
            }
        }
        return RowFactory.create(userIds, itemIds, ranks, scores);
    }

    /** The dataset's rows as Spark's internal rows; they may be reused by the iterator, so read before next(). */
    private static JavaRDD<InternalRow> internalRows(Dataset<Row> d) {
        return d.queryExecution().toRdd().toJavaRDD();
    }

    private static java.util.Iterator<FactorBlocks.ItemBlock> itemBlocks(java.util.Iterator<InternalRow> rows, int size) {
        List<FactorBlocks.ItemBlock> out = new ArrayList<>();
        long[] ids = new long[size];
        float[][] v = new float[size][];
        int n = 0;
        while (rows.hasNext()) {
            InternalRow r = rows.next();
            ids[n] = r.getLong(0);
            v[n++] = r.getArray(1).toFloatArray();
            if (n == size || !rows.hasNext()) {
                out.add(itemBlock(ids, v, n));
                n = 0;
            }
        }
        return out.isEmpty() ? Collections.emptyIterator() : out.iterator();
    }

    /** The first {@code n} items as one packed block, longest vectors first. */
    private static FactorBlocks.ItemBlock itemBlock(long[] ids, float[][] v, int n) {
        int rank = v[0].length;
        double[] norms = new double[n];
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) {
            for (float x : v[j]) {
                norms[j] += (double) x * x;
            }
            order[j] = j;
        }
        // Longest vectors first: they hold most of each user's top scores, so the heaps' thresholds rise
        // early and fewer later tiles reach them (the result does not depend on the order).
        java.util.Arrays.sort(order, (x, y) -> Double.compare(norms[y], norms[x]));
        float[] packed = new float[TopKKernel.packedLength(n, rank)];
        long[] packedIds = new long[n];
        for (int j = 0; j < n; j++) {
            packedIds[j] = ids[order[j]];
            TopKKernel.pack(packed, j, v[order[j]], rank);
        }
        return new FactorBlocks.ItemBlock(packedIds, packed);
    }
}
