package animerec.model.knn;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Entity–entity similarities computed distributed, from inverted lists: the entries of each "other" id (the
 * users who rated an item, for user–user similarity) are one list; every pair in a list adds its
 * contribution to the pair's sums; sums are reduced by pair key; each entity keeps its {@code maxNeighbours}
 * most similar others with positive similarity (ties: the lower id). Nothing of size entities² reaches the driver.
 *
 * <p>A list longer than {@code maxList} contributes only {@code maxList} of its entries — those with the
 * smallest seeded hash of (entity, other), so the choice is reproducible — because a list of n entries makes
 * n(n − 1)/2 pairs: a blockbuster watched by 30,000 users would alone make 450 million. Lists on MovieLens
 * 100K stay below the default cap (1,000), so its similarities are exact.
 */
public final class Neighbourhoods {
    public static final String X = "x";
    public static final String NEIGHBOUR = "nx";
    public static final String SIM = "sim";
    public static final String SUPPORT = "support";
    public static final StructType SCHEMA = new StructType()
            .add(X, DataTypes.LongType, false)
            .add(NEIGHBOUR, DataTypes.LongType, false)
            .add(SIM, DataTypes.DoubleType, false)
            .add(SUPPORT, DataTypes.IntegerType, false);

    private Neighbourhoods() {
    }

    /** Settings of a similarity computation. */
    public record Settings(Similarity similarity, int minSupport, double shrinkage, int maxList, int maxNeighbours,
                           long seed) implements Serializable {
    }

    /**
     * @param entries {@code x, y, value, residual}: x the entity (user for user–user), y the other side
     * @return {@code x, nx, sim, support}: each entity's most similar entities, positive similarities only
     */
    public static Dataset<Row> compute(Dataset<Row> entries, Settings s) {
        SparkSession spark = entries.sparkSession();
        Dataset<Row> named = entries.toDF(X, "y", "value", "residual");
        Dataset<Row> index = PairSums.index(named, X).persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> indexed = named.join(index, new String[] {X}).select("xi", "y", "value", "residual");
        // pairs arrive both ways, partitioned by their first entity: each partition holds every neighbour of the
        // entities it owns, so their lists are complete there and need no further shuffle
        JavaRDD<Row> rows = PairSums.compute(indexed, s.similarity(), s.maxList(), s.seed(), true)
                .mapPartitionsToPair(pairs -> NeighbourList.complete(pairs, s))
                .flatMap(t -> t._2().rows(t._1()).iterator());
        Dataset<Row> byIndex = spark.createDataFrame(rows, SCHEMA);
        Dataset<Row> ids = index.select(col(X).as("id"), col("xi").cast("long").as("xi"));
        return byIndex.join(ids.withColumnRenamed("xi", X).withColumnRenamed("id", "x_id"), new String[] {X})
                .join(ids.withColumnRenamed("xi", NEIGHBOUR).withColumnRenamed("id", "nx_id"), new String[] {NEIGHBOUR})
                .select(col("x_id").as(X), col("nx_id").as(NEIGHBOUR), col(SIM), col(SUPPORT));
    }

    /**
     * The order of neighbours: higher similarity first, then the lower id. That is Surprise's order when, as in
     * the MovieLens files, ratings arrive sorted by user: its {@code heapq.nlargest} keeps the first of equal
     * similarities. (Breaking ties by more common entries instead was measured: RMSE 0.97813 against 0.97808
     * on the fixed MovieLens split with MSD.) {@code support} is kept in the table for inspection.
     */
    static int compare(double simA, int supportA, long idA, double simB, int supportB, long idB) {
        int c = Double.compare(simB, simA);
        return c != 0 ? c : Long.compare(idA, idB);
    }
}
