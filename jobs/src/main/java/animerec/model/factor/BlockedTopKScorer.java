package animerec.model.factor;

import static org.apache.spark.sql.functions.col;

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
        // Each user's vector and seen items meet in one pass: both sides hash-partitioned by user into the same
        // partitions, zipped, and grouped into primitive arrays (no collect_list, no join of the lists).
        int parts = 2 * spark.sparkContext().defaultParallelism();
        Dataset<Row> targets = users.select(col(Columns.USER).cast("long").as(Columns.USER)).distinct()
                .join(userVectors.select(col(Columns.USER).cast("long").as(Columns.USER), col(VECTOR)), Columns.USER)
                .repartition(parts, col(Columns.USER));
        Dataset<Row> seenByUser = seen.select(col(Columns.USER).cast("long").as(Columns.USER),
                col(Columns.ITEM).cast("long").as(Columns.ITEM)).repartition(parts, col(Columns.USER));
        int ub = userBlockSize;
        JavaRDD<FactorBlocks.UserBlock> userBlocks = targets.javaRDD().zipPartitions(seenByUser.javaRDD(),
                (FlatMapFunction2<java.util.Iterator<Row>, java.util.Iterator<Row>, FactorBlocks.UserBlock>)
                        (vectors, seenRows) -> userBlocks(vectors, seenRows, ub));
        int ib = itemBlockSize;
        JavaRDD<FactorBlocks.ItemBlock> itemBlocks = itemVectors.select(Columns.ITEM, VECTOR).javaRDD()
                .mapPartitions((FlatMapFunction<java.util.Iterator<Row>, FactorBlocks.ItemBlock>) rows -> itemBlocks(rows, ib));
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
        JavaRDD<Row> rows = partials.flatMap(p -> {
            List<Row> out = new ArrayList<>();
            for (int a = 0; a < p.users.length; a++) {
                for (int r = 0; r < p.items[a].length; r++) {
                    out.add(RowFactory.create(p.users[a], p.items[a][r], r + 1, p.scores[a][r]));
                }
            }
            return out.iterator();
        });
        return spark.createDataFrame(rows, Recommendations.SCHEMA);
    }

    /** Column 1 of {@code r} (a vector of numbers) as floats. */
    private static float[] vector(Row r) {
        List<Object> v = r.getList(1);
        float[] out = new float[v.size()];
        for (int f = 0; f < out.length; f++) {
            out[f] = ((Number) v.get(f)).floatValue();
        }
        return out;
    }

    /**
     * One partition's users ({@code user_id, vector}) and the seen pairs of the same partition
     * ({@code user_id, anime_id}, any order; pairs of other users are dropped) as blocks of {@code size} users.
     */
    static java.util.Iterator<FactorBlocks.UserBlock> userBlocks(java.util.Iterator<Row> vectors,
                                                                 java.util.Iterator<Row> seenRows, int size) {
        java.util.HashMap<Long, Integer> index = new java.util.HashMap<>();
        List<float[]> vectorRows = new ArrayList<>();
        long[] ids = new long[0];
        int n = 0;
        int rank = -1;
        while (vectors.hasNext()) {
            Row r = vectors.next();
            long id = r.getLong(0);
            float[] row = vector(r);
            rank = row.length;
            if (n == ids.length) {
                ids = java.util.Arrays.copyOf(ids, Math.max(16, 2 * n));
            }
            index.put(id, n);
            ids[n++] = id;
            vectorRows.add(row);
        }
        long[][] seen = new long[n][];
        int[] counts = new int[n];
        while (seenRows.hasNext()) {
            Row r = seenRows.next();
            Integer a = index.get(r.getLong(0));
            if (a == null) {
                continue;
            }
            long[] list = seen[a];
            if (list == null || counts[a] == list.length) {
                seen[a] = list = list == null ? new long[8] : java.util.Arrays.copyOf(list, 2 * list.length);
            }
            list[counts[a]++] = r.getLong(1);
        }
        List<FactorBlocks.UserBlock> out = new ArrayList<>();
        for (int start = 0; start < n; start += size) {
            int m = Math.min(size, n - start);
            float[] block = new float[TopKKernel.paddedUsers(m) * rank];
            long[][] blockSeen = new long[m][];
            for (int a = 0; a < m; a++) {
                System.arraycopy(vectorRows.get(start + a), 0, block, a * rank, rank);
                long[] list = seen[start + a];
                blockSeen[a] = list == null ? new long[0]
                        : java.util.Arrays.stream(list, 0, counts[start + a]).sorted().distinct().toArray();
            }
            out.add(new FactorBlocks.UserBlock(java.util.Arrays.copyOfRange(ids, start, start + m), block, blockSeen));
        }
        return out.iterator();
    }

    private static java.util.Iterator<FactorBlocks.ItemBlock> itemBlocks(java.util.Iterator<Row> rows, int size) {
        List<FactorBlocks.ItemBlock> out = new ArrayList<>();
        List<Row> buf = new ArrayList<>(size);
        while (rows.hasNext()) {
            buf.add(rows.next());
            if (buf.size() == size || !rows.hasNext()) {
                int n = buf.size();
                int rank = buf.get(0).getList(1).size();
                long[] ids = new long[n];
                float[][] v = new float[n][];
                double[] norms = new double[n];
                Integer[] order = new Integer[n];
                for (int j = 0; j < n; j++) {
                    Row r = buf.get(j);
                    ids[j] = r.getLong(0);
                    v[j] = vector(r);
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
                out.add(new FactorBlocks.ItemBlock(packedIds, packed));
                buf.clear();
            }
        }
        return out.isEmpty() ? Collections.emptyIterator() : out.iterator();
    }
}
