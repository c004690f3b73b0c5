package animerec.model.knn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import animerec.data.Columns;
import animerec.model.Param;
import animerec.model.FamilyTraits;
import animerec.model.ParamMap;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import animerec.spark.Caching;
import animerec.util.UserError;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code knn} (Surprise's KNNBasic) and {@code knn-baseline} (KNNBaseline): neighbourhood models for rating
 * prediction with Surprise's parameter names and defaults, similarities computed distributed
 * ({@link Neighbourhoods}). Rows with no rating (watched, not rated) are ignored.
 */
public final class KnnRecommender implements Recommender {
    static final Param<Integer> K = Param.intParam("k", "largest number of neighbours in an estimate", 40, 1, 100_000);
    static final Param<Integer> MIN_K = Param.intParam("min_k",
            "fewest neighbours for an estimate (fewer: the fallback)", 1, 1, 100_000);
    static final Param<Boolean> USER_BASED = Param.boolParam("user_based",
            "similarities between users (true) or between items (false)", true);
    static final Param<Integer> MIN_SUPPORT = Param.intParam("min_support",
            "common ratings a pair needs for a non-zero similarity", 1, 1, Integer.MAX_VALUE);
    static final Param<Double> SHRINKAGE = Param.doubleParam("shrinkage", "pearson_baseline shrinkage", 100, 0, 1e9);
    static final Param<Integer> MAX_LIST = Param.intParam("max_list",
            "an inverted list longer than this contributes a seeded sample of this many entries", 1000, 2, 1_000_000);
    static final Param<Integer> MAX_NEIGHBOURS = Param.intParam("max_neighbours",
            "most similar neighbours kept per user (or item) in the model", 1000, 1, 1_000_000);
    static final Param<Integer> BSL_EPOCHS = Param.intParam("bsl_epochs", "baseline ALS epochs", 10, 1, 1000);
    static final Param<Double> BSL_REG_U = Param.doubleParam("bsl_reg_u", "baseline ALS user regularisation", 15, 0, 1e9);
    static final Param<Double> BSL_REG_I = Param.doubleParam("bsl_reg_i", "baseline ALS item regularisation", 10, 0, 1e9);

    private final String name;
    private final boolean baseline;
    private final Param<String> sim;

    private KnnRecommender(String name, boolean baseline, String defaultSim) {
        this.name = name;
        this.baseline = baseline;
        this.sim = Param.choiceParam("sim", "similarity: cosine, msd, pearson or pearson_baseline", defaultSim,
                Similarity.NAMES);
    }

    /** KNNBasic, MSD similarity by default (Surprise's default). */
    public static KnnRecommender basic() {
        return new KnnRecommender("knn", false, "msd");
    }

    /** KNNBaseline, pearson_baseline similarity by default (what Surprise's documentation advises for it). */
    public static KnnRecommender withBaseline() {
        return new KnnRecommender("knn-baseline", true, "pearson_baseline");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FamilyTraits traits() {
        return FamilyTraits.COLLABORATIVE;
    }

    @Override
    public String description() {
        return baseline
                ? "neighbourhood model on baseline residuals (Surprise KNNBaseline), similarities computed distributed"
                : "neighbourhood rating prediction (Surprise KNNBasic), similarities computed distributed";
    }

    @Override
    public List<Param<?>> params() {
        return List.of(K, MIN_K, USER_BASED, sim, MIN_SUPPORT, SHRINKAGE, MAX_LIST, MAX_NEIGHBOURS, BSL_EPOCHS,
                BSL_REG_U, BSL_REG_I);
    }

    @Override
    public RecommenderModel fit(TrainingData data, ParamMap p, long seed) {
        Dataset<Row> rated = Caching.persist(data.interactions().filter(col(Columns.RATING).isNotNull())
                .select(Columns.USER, Columns.ITEM, Columns.RATING)); // knn and knn-baseline derive the same table
        Row stats = rated.agg(org.apache.spark.sql.functions.avg(Columns.RATING), org.apache.spark.sql.functions.min(Columns.RATING),
                org.apache.spark.sql.functions.max(Columns.RATING)).first();
        if (stats.isNullAt(0)) {
            throw new UserError(name + ": the training data has no rated interactions");
        }
        Similarity similarity = Similarity.parse(p.get(sim));
        boolean needsBaseline = baseline || similarity == Similarity.PEARSON_BASELINE;
        Dataset<Row> userBias;
        Dataset<Row> itemBias;
        double mu = stats.getDouble(0);
        if (needsBaseline) {
            Baselines.Fitted b = Baselines.fit(rated, p.get(BSL_EPOCHS), p.get(BSL_REG_U), p.get(BSL_REG_I));
            mu = b.mu();
            userBias = b.users();
            itemBias = b.items();
        } else {
            userBias = rated.select(Columns.USER).distinct().withColumn(Baselines.BU, lit(0.0));
            itemBias = rated.select(Columns.ITEM).distinct().withColumn(Baselines.BI, lit(0.0));
        }
        userBias = userBias.persist(StorageLevel.MEMORY_AND_DISK());
        itemBias = itemBias.persist(StorageLevel.MEMORY_AND_DISK());
        boolean userBased = p.get(USER_BASED);
        String x = userBased ? Columns.USER : Columns.ITEM;
        String y = userBased ? Columns.ITEM : Columns.USER;
        Dataset<Row> entries = rated.join(userBias, new String[] {Columns.USER}).join(itemBias, new String[] {Columns.ITEM})
                .select(col(x), col(y), col(Columns.RATING),
                        col(Columns.RATING).minus(lit(mu)).minus(col(Baselines.BU)).minus(col(Baselines.BI)));
        Dataset<Row> neighbours = Neighbourhoods.compute(entries, new Neighbourhoods.Settings(similarity,
                p.get(MIN_SUPPORT), p.get(SHRINKAGE), p.get(MAX_LIST), p.get(MAX_NEIGHBOURS), seed))
                .persist(StorageLevel.MEMORY_AND_DISK());
        neighbours.count();
        return new KnnModel(name, p, new KnnModel.Settings(userBased, baseline, p.get(K), p.get(MIN_K)), rated,
                neighbours, userBias, itemBias, mu, stats.getDouble(1), stats.getDouble(2));
    }

    @Override
    public RecommenderModel load(SparkSession spark, String path, ParamMap params) {
        return KnnModel.load(spark, name, path, params);
    }
}
