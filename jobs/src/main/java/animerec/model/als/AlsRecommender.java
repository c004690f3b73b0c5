package animerec.model.als;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import animerec.data.Columns;
import animerec.data.DenseIds;
import animerec.model.Param;
import animerec.model.FamilyTraits;
import animerec.model.ParamMap;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import animerec.util.UserError;
import java.util.List;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Alternating least squares in the model contract, two ways to fit the same objective. {@code als} is ours,
 * {@link BlockedAls}: a conjugate-gradient solver (a few warm-started steps per least-squares problem, O(n·r)
 * each, as the {@code implicit} library solves) on MLlib-style blocks. {@code als-mllib} is Spark MLlib's
 * {@code ALS}, which forms and factorises every r × r normal equation (O(n·r² + r³)); it also offers
 * non-negative factors. Implicit mode (the default) is Hu, Koren and Volinsky's weighted matrix factorisation with
 * confidence c = 1 + alpha·r; explicit mode fits the ratings. Both save the same tables and serve the same way.
 * Unrated interactions count as r = 1 in implicit mode and are ignored in explicit mode.
 *
 * <p>Comparing with the {@code implicit} library: it uses confidence c = r and a regularisation that is not
 * scaled, while MLlib uses c = 1 + alpha·r and scales regParam by each user's (item's) number of interactions.
 * alpha = 1 gives c = 1 + r, the closest linear match to c = r on 1–10 rating scales.
 */
public final class AlsRecommender implements animerec.model.serving.Servable {
    private final boolean mllib;

    private AlsRecommender(boolean mllib) {
        this.mllib = mllib;
    }

    /** {@code als}: our conjugate-gradient ALS. */
    public static AlsRecommender conjugateGradient() {
        return new AlsRecommender(false);
    }

    /** {@code als-mllib}: Spark MLlib's ALS. */
    public static AlsRecommender mllib() {
        return new AlsRecommender(true);
    }

    static final Param<Integer> RANK = Param.intParam("rank", "number of latent factors", 64, 1, 4096);
    static final Param<Integer> MAX_ITER = Param.intParam("max_iter", "alternating iterations", 15, 1, 10_000);
    static final Param<Double> REG = Param.doubleParam("reg_param",
            "L2 regularisation (MLlib scales it by each row's interaction count)", 0.2, 0, 1e6);
    static final Param<Boolean> IMPLICIT = Param.boolParam("implicit_prefs",
            "implicit feedback (confidence-weighted) instead of explicit ratings", true);
    static final Param<Double> ALPHA = Param.doubleParam("alpha", "implicit confidence c = 1 + alpha * r", 0.5, 0, 1e6);
    static final Param<String> CONFIDENCE = Param.choiceParam("confidence",
            "implicit mode: what r is in c = 1 + alpha * r: the rating (unrated = 1), or 1 for every interaction (binary)",
            "rating", List.of("rating", "binary"));
    static final Param<Boolean> NONNEGATIVE = Param.boolParam("nonnegative", "non-negative least squares", false);
    static final Param<Boolean> NO_NONNEGATIVE = Param.boolParam("nonnegative",
            "non-negative least squares: not offered by the conjugate-gradient solver (use als-mllib)", false);
    static final Param<Integer> CG_STEPS = Param.intParam("cg_steps",
            "conjugate-gradient steps per least-squares solve, warm-started (0 = exact Cholesky solves)", 3, 0, 1_000);
    static final Param<Integer> USER_BLOCKS = Param.intParam("num_user_blocks",
            "user blocks (0 = Spark's default parallelism, at least 2)", 0, 0, 100_000);
    static final Param<Integer> ITEM_BLOCKS = Param.intParam("num_item_blocks",
            "item blocks (0 = Spark's default parallelism, at least 2)", 0, 0, 100_000);
    static final Param<Integer> CHECKPOINT = Param.intParam("checkpoint_interval",
            "checkpoint the factors every this many iterations (truncates lineage)", 10, 1, 10_000);

    @Override
    public String name() {
        return mllib ? "als-mllib" : "als";
    }

    @Override
    public FamilyTraits traits() {
        return FamilyTraits.COLLABORATIVE;
    }

    @Override
    public String description() {
        return mllib ? "Spark MLlib alternating least squares (implicit confidence weighting by default)"
                : "alternating least squares with a conjugate-gradient solver (implicit confidence weighting by default)";
    }

    @Override
    public List<Param<?>> params() {
        return mllib ? List.of(RANK, MAX_ITER, REG, IMPLICIT, ALPHA, CONFIDENCE, NONNEGATIVE, USER_BLOCKS, ITEM_BLOCKS, CHECKPOINT)
                : List.of(RANK, MAX_ITER, REG, IMPLICIT, ALPHA, CONFIDENCE, CG_STEPS, NO_NONNEGATIVE, USER_BLOCKS, ITEM_BLOCKS,
                        CHECKPOINT);
    }

    @Override
    public RecommenderModel fit(TrainingData data, ParamMap p, long seed) {
        Dataset<Row> interactions = data.interactions();
        SparkSession spark = interactions.sparkSession();
        boolean implicit = p.get(IMPLICIT);
        boolean binary = "binary".equals(p.get(CONFIDENCE));
        Dataset<Row> rated = implicit
                ? interactions.select(col(Columns.USER), col(Columns.ITEM),
                        (binary ? lit(1.0) : when(col(Columns.RATING).isNull(), lit(1.0)).otherwise(col(Columns.RATING)))
                                .as(Columns.RATING))
                : interactions.filter(col(Columns.RATING).isNotNull()).select(Columns.USER, Columns.ITEM, Columns.RATING);
        int parallelism = Math.max(2, spark.sparkContext().defaultParallelism());
        int userBlocks = p.get(USER_BLOCKS) > 0 ? p.get(USER_BLOCKS) : parallelism;
        int itemBlocks = p.get(ITEM_BLOCKS) > 0 ? p.get(ITEM_BLOCKS) : parallelism;
        long t0 = System.nanoTime();
        AlsModel model = mllib ? fitMllib(rated, p, userBlocks, itemBlocks, seed) : fitOurs(rated, p, userBlocks, itemBlocks, seed);
        animerec.util.Progress.line("  %s: rank %d, %d alternating iterations (%s) in %.1f s", name(), p.get(RANK), p.get(MAX_ITER),
                implicit ? "implicit" : "explicit", animerec.util.Progress.seconds(t0));
        return model;
    }

    private AlsModel fitOurs(Dataset<Row> rated, ParamMap p, int userBlocks, int itemBlocks, long seed) {
        if (p.get(NO_NONNEGATIVE)) {
            throw new UserError("als: nonnegative=true is not offered by the conjugate-gradient solver; use --model als-mllib");
        }
        boolean implicit = p.get(IMPLICIT);
        Dataset<Row> ratings = rated.select(col(Columns.USER), col(Columns.ITEM), col(Columns.RATING).cast("double"));
        BlockedAls.Result r = BlockedAls.train(ratings, new BlockedAls.Settings(p.get(RANK), p.get(MAX_ITER), p.get(REG), implicit,
                p.get(ALPHA), p.get(CG_STEPS), userBlocks, itemBlocks, p.get(CHECKPOINT)), seed);
        return new AlsModel(name(), p, r.userFactors(), r.itemFactors(), r.users(), r.items(), implicit, r.meanRating());
    }

    private AlsModel fitMllib(Dataset<Row> ratings, ParamMap p, int userBlocks, int itemBlocks, long seed) {
        boolean implicit = p.get(IMPLICIT);
        Dataset<Row> rated = ratings.persist(StorageLevel.MEMORY_AND_DISK());
        if (rated.isEmpty()) {
            throw new UserError("als-mllib: the training data has no " + (implicit ? "interactions" : "rated interactions"));
        }
        Dataset<Row> users = DenseIds.index(rated, Columns.USER, AlsModel.USER_INDEX).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> items = DenseIds.index(rated, Columns.ITEM, AlsModel.ITEM_INDEX).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> indexed = rated.join(users, new String[] {Columns.USER}).join(items, new String[] {Columns.ITEM})
                .select(col(AlsModel.USER_INDEX), col(AlsModel.ITEM_INDEX), col(Columns.RATING).cast("float"));
        ALS als = new ALS()
                .setRank(p.get(RANK))
                .setMaxIter(p.get(MAX_ITER))
                .setRegParam(p.get(REG))
                .setImplicitPrefs(implicit)
                .setAlpha(p.get(ALPHA))
                .setNonnegative(p.get(NONNEGATIVE))
                .setNumUserBlocks(userBlocks)
                .setNumItemBlocks(itemBlocks)
                .setCheckpointInterval(p.get(CHECKPOINT))
                .setSeed(seed)
                .setUserCol(AlsModel.USER_INDEX)
                .setItemCol(AlsModel.ITEM_INDEX)
                .setRatingCol(Columns.RATING)
                .setColdStartStrategy("nan");
        ALSModel fitted = als.fit(indexed);
        double mean = mean(rated);
        rated.unpersist();
        return new AlsModel(name(), p, fitted.userFactors(), fitted.itemFactors(), users, items, implicit, mean);
    }

    private static double mean(Dataset<Row> rated) {
        return rated.agg(org.apache.spark.sql.functions.avg(Columns.RATING)).first().getDouble(0);
    }

    @Override
    public RecommenderModel load(SparkSession spark, String path, ParamMap params) {
        return AlsModel.load(name(), spark, path, params);
    }

    @Override
    public animerec.model.serving.ServingModel serving(animerec.model.serving.SavedModel saved, ParamMap params) {
        return AlsModel.serving(name(), saved, params);
    }

    /** Yes: its served lists are the batch's ({@link animerec.model.serving.Servable#exportsFromMemory}). */
    @Override
    public boolean exportsFromMemory() {
        return true;
    }
}
