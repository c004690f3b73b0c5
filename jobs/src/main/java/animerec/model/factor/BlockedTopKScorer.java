package animerec.model.factor;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;

import animerec.data.Columns;
import animerec.model.Recommendations;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
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
 * Users are cut into blocks of {@code userBlockSize}, items into blocks of {@code itemBlockSize} stored
 * factor-major; each block pair is multiplied with tight float loops and each user keeps a bounded primitive
 * heap, skipping seen items. When the item factors are small (≤ {@code broadcastLimitBytes}) they are
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
        Dataset<Row> seenLists = seen.groupBy(Columns.USER).agg(collect_list(col(Columns.ITEM)).as("seen"));
        Dataset<Row> targets = users.select(Columns.USER).distinct()
                .join(userVectors.select(Columns.USER, VECTOR), new String[] {Columns.USER})
                .join(seenLists, new String[] {Columns.USER}, "left")
                .select(Columns.USER, VECTOR, "seen");
        int ub = userBlockSize;
        JavaRDD<FactorBlocks.UserBlock> userBlocks = targets.javaRDD().mapPartitions(
                (FlatMapFunction<java.util.Iterator<Row>, FactorBlocks.UserBlock>) rows -> userBlocks(rows, ub));
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

    private static java.util.Iterator<FactorBlocks.UserBlock> userBlocks(java.util.Iterator<Row> rows, int size) {
        List<FactorBlocks.UserBlock> out = new ArrayList<>();
        List<Row> buf = new ArrayList<>(size);
        while (rows.hasNext()) {
            buf.add(rows.next());
            if (buf.size() == size || !rows.hasNext()) {
                int rank = buf.get(0).getList(1).size();
                long[] ids = new long[buf.size()];
                float[] vectors = new float[buf.size() * rank];
                long[][] seen = new long[buf.size()][];
                for (int a = 0; a < buf.size(); a++) {
                    Row r = buf.get(a);
                    ids[a] = r.getLong(0);
                    List<Object> v = r.getList(1);
                    for (int f = 0; f < rank; f++) {
                        vectors[a * rank + f] = ((Number) v.get(f)).floatValue();
                    }
                    if (r.isNullAt(2)) {
                        seen[a] = new long[0];
                    } else {
                        List<Object> s = r.getList(2);
                        seen[a] = s.stream().mapToLong(x -> ((Number) x).longValue()).sorted().toArray();
                    }
                }
                out.add(new FactorBlocks.UserBlock(ids, vectors, seen));
                buf.clear();
            }
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
                float[] byFactor = new float[n * rank];
                for (int j = 0; j < n; j++) {
                    Row r = buf.get(j);
                    ids[j] = r.getLong(0);
                    List<Object> v = r.getList(1);
                    for (int f = 0; f < rank; f++) {
                        byFactor[f * n + j] = ((Number) v.get(f)).floatValue();
                    }
                }
                out.add(new FactorBlocks.ItemBlock(ids, byFactor));
                buf.clear();
            }
        }
        return out.isEmpty() ? Collections.emptyIterator() : out.iterator();
    }
}
