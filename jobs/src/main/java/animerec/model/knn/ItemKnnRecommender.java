package animerec.model.knn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.row_number;

import animerec.spark.Caching;
import animerec.data.Columns;
import animerec.model.Param;
import animerec.model.FamilyTraits;
import animerec.model.ParamMap;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import animerec.util.UserError;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code item-knn}: item-to-item neighbourhoods on the implicit interaction matrix (every interaction counts,
 * rated or not), for ranking. sim(i → j) = c_ij / (n_i^α · n_j^(1−α) + shrinkage), where c_ij counts the users
 * with both items and n the users with each; α = 0.5 is cosine, and a larger α damps the pull of popular
 * neighbours j. Each item keeps its {@code k} most similar items; a user's score for j is the sum of
 * sim(i → j) over the items i they have. Co-occurrences are counted distributed from the users' item lists
 * ({@link PairSums}; a user with more than {@code max_list} items contributes a seeded sample of them).
 */
public final class ItemKnnRecommender implements animerec.model.serving.Servable {
    static final Param<Integer> K = Param.intParam("k", "neighbours kept per item", 20, 1, 1_000_000);
    static final Param<Double> ALPHA = Param.doubleParam("alpha",
            "popularity damping exponent: n_i^alpha * n_j^(1-alpha) in the denominator (0.5 = cosine)", 0.5, 0, 1);
    static final Param<Double> SHRINKAGE = Param.doubleParam("shrinkage", "added to the denominator", 10, 0, 1e9);
    static final Param<Integer> MAX_LIST = Param.intParam("max_list",
            "a user with more items contributes a seeded sample of this many", 1000, 2, 1_000_000);

    static final StructType COUNTS = new StructType()
            .add("a", DataTypes.LongType, false)
            .add("b", DataTypes.LongType, false)
            .add("c", DataTypes.DoubleType, false);

    @Override
    public String name() {
        return "item-knn";
    }

    @Override
    public FamilyTraits traits() {
        return FamilyTraits.COLLABORATIVE;
    }

    @Override
    public String description() {
        return "item-to-item cosine neighbours on the implicit matrix, score = sum of similarities (ranking)";
    }

    @Override
    public List<Param<?>> params() {
        return List.of(K, ALPHA, SHRINKAGE, MAX_LIST);
    }

    @Override
    public RecommenderModel fit(TrainingData data, ParamMap p, long seed) {
        SparkSession spark = data.interactions().sparkSession();
        Dataset<Row> seen = Caching.persist(data.interactions().select(Columns.USER, Columns.ITEM).distinct());
        if (seen.isEmpty()) {
            throw new UserError("item-knn: the training data has no interactions");
        }
        Dataset<Row> index = Caching.persist(PairSums.index(seen, Columns.ITEM));
        Dataset<Row> entries = seen.join(index, new String[] {Columns.ITEM})
                .select(col("xi"), col(Columns.USER), lit(1.0), lit(0.0));
        JavaRDD<Row> counts = PairSums.compute(entries, null, p.get(MAX_LIST), seed, false)
                .map(t -> RowFactory.create(t._1() >>> 32, t._1() & 0xffffffffL, t._2()[0]));
        Dataset<Row> ids = index.select(col(Columns.ITEM).as("id"), col("xi").cast("long").as("xi"));
        counts = counts.persist(StorageLevel.MEMORY_AND_DISK()); // read twice below (both directions)
        Dataset<Row> pairs = spark.createDataFrame(counts, COUNTS)
                .join(ids.withColumnRenamed("xi", "a").withColumnRenamed("id", "a_id"), new String[] {"a"})
                .join(ids.withColumnRenamed("xi", "b").withColumnRenamed("id", "b_id"), new String[] {"b"})
                .select(col("a_id").as("a"), col("b_id").as("b"), col("c"));
        Dataset<Row> n = seen.groupBy(Columns.ITEM).agg(count(lit(1)).cast("double").as("n"));
        Dataset<Row> both = pairs.select(col("a").as("i"), col("b").as("j"), col("c"))
                .union(pairs.select(col("b").as("i"), col("a").as("j"), col("c")))
                .join(n.select(col(Columns.ITEM).as("i"), col("n").as("ni")), new String[] {"i"})
                .join(n.select(col(Columns.ITEM).as("j"), col("n").as("nj")), new String[] {"j"});
        double alpha = p.get(ALPHA);
        Dataset<Row> sims = both.withColumn(Neighbourhoods.SIM, col("c").divide(
                pow(col("ni"), alpha).multiply(pow(col("nj"), 1 - alpha)).plus(p.get(SHRINKAGE))));
        Dataset<Row> neighbours = sims
                .withColumn("nrank", row_number().over(Window.partitionBy("i")
                        .orderBy(col(Neighbourhoods.SIM).desc(), col("j").asc())))
                .filter(col("nrank").leq(p.get(K)))
                .select(col("i").as(Columns.ITEM), col("j").as(ItemKnnModel.NEIGHBOUR), col(Neighbourhoods.SIM))
                .persist(StorageLevel.MEMORY_AND_DISK());
        neighbours.count();
        return new ItemKnnModel(p, neighbours);
    }

    @Override
    public RecommenderModel load(SparkSession spark, String path, ParamMap params) {
        return ItemKnnModel.load(spark, path, params);
    }

    @Override
    public animerec.model.serving.ServingModel serving(animerec.model.serving.SavedModel saved, ParamMap params) {
        return ItemKnnServing.read(saved);
    }

    /** Yes: its served lists are the batch's ({@link animerec.model.serving.Servable#exportsFromMemory}). */
    @Override
    public boolean exportsFromMemory() {
        return true;
    }
}
