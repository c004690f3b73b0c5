package animerec.model.warp;

import animerec.model.Param;
import animerec.model.EpochListener;
import animerec.model.EpochTrainable;
import animerec.model.FamilyTraits;
import animerec.model.ParamMap;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * {@code warp} and {@code bpr}: LightFM's model (score = user embedding · Σ item-feature embeddings + item bias)
 * trained with its WARP or BPR loss, written as a distributed Spark computation ({@link WarpTrainer}). Defaults
 * are LightFM's and the seed's (64 components, 30 epochs, adagrad at 0.05, 10 samples). Identity item features by
 * default; {@code item_features=genres} adds one feature per genre, so items nobody has interacted with can be
 * scored. Every interaction is a positive unless {@code min_rating} is set.
 */
public final class WarpRecommender implements EpochTrainable {
    static final Param<Integer> COMPONENTS = Param.intParam("no_components", "embedding dimension", 64, 1, 4096);
    static final Param<Integer> EPOCHS = Param.intParam("epochs", "passes over the positives", 30, 1, 10_000);
    static final Param<Double> LEARNING_RATE = Param.doubleParam("learning_rate", "adagrad's initial rate", 0.05, 0, 100);
    static final Param<String> SCHEDULE = Param.choiceParam("learning_schedule", "per-parameter learning rates",
            "adagrad", List.of("adagrad", "adadelta"));
    static final Param<Double> RHO = Param.doubleParam("rho", "adadelta's decay", 0.95, 0, 1);
    static final Param<Double> EPSILON = Param.doubleParam("epsilon", "adadelta's conditioning term", 1e-6, 0, 1);
    static final Param<Integer> MAX_SAMPLED = Param.intParam("max_sampled",
            "WARP: negatives drawn per positive before giving up", 10, 1, 100_000);
    static final Param<Double> ITEM_ALPHA = Param.doubleParam("item_alpha", "L2 on item-feature parameters", 0, 0, 100);
    static final Param<Double> USER_ALPHA = Param.doubleParam("user_alpha", "L2 on user parameters", 0, 0, 100);
    static final Param<String> ITEM_FEATURES = Param.choiceParam("item_features",
            "identity only, or identity plus one feature per genre", "none", List.of("none", "genres"));
    static final Param<Integer> PARTITIONS = Param.intParam("partitions",
            "user partitions trained in parallel (0 = Spark's default parallelism)", 0, 0, 100_000);
    static final Param<Integer> ROUNDS = Param.intParam("rounds_per_epoch",
            "item-parameter mixing rounds per epoch", 1, 1, 10_000);
    static final Param<String> MIXING = Param.choiceParam("mixing",
            "how the partitions' item-parameter changes are combined each round: their mean or their sum", "average",
            List.of("sum", "average"));
    static final Param<Double> MIN_RATING = Param.doubleParam("min_rating",
            "interactions rated below this are not positives (0 = every interaction)", 0, 0, 1e9);

    private final WarpSettings.Loss loss;

    private WarpRecommender(WarpSettings.Loss loss) {
        this.loss = loss;
    }

    public static WarpRecommender warp() {
        return new WarpRecommender(WarpSettings.Loss.WARP);
    }

    public static WarpRecommender bpr() {
        return new WarpRecommender(WarpSettings.Loss.BPR);
    }

    @Override
    public String name() {
        return loss == WarpSettings.Loss.WARP ? "warp" : "bpr";
    }

    @Override
    public FamilyTraits traits() {
        return FamilyTraits.COLLABORATIVE;
    }

    @Override
    public String description() {
        return loss == WarpSettings.Loss.WARP
                ? "LightFM-style factorisation with the WARP ranking loss, optional genre features (distributed SGD)"
                : "LightFM-style factorisation with the BPR pairwise loss, optional genre features (distributed SGD)";
    }

    @Override
    public List<Param<?>> params() {
        return loss == WarpSettings.Loss.WARP
                ? List.of(COMPONENTS, EPOCHS, LEARNING_RATE, SCHEDULE, RHO, EPSILON, MAX_SAMPLED, ITEM_ALPHA, USER_ALPHA,
                        ITEM_FEATURES, PARTITIONS, ROUNDS, MIXING, MIN_RATING)
                : List.of(COMPONENTS, EPOCHS, LEARNING_RATE, SCHEDULE, RHO, EPSILON, ITEM_ALPHA, USER_ALPHA,
                        ITEM_FEATURES, PARTITIONS, ROUNDS, MIXING, MIN_RATING);
    }

    WarpSettings settings(ParamMap p) {
        if (p.get(SCHEDULE).equals("adadelta") && p.get(MIXING).equals("sum")) {
            // adadelta's running averages are not sums: adding P tasks' changes can drive them below 0 (NaN steps)
            throw new animerec.util.UserError(name() + ": learning_schedule=adadelta needs mixing=average");
        }
        return new WarpSettings(loss, p.get(COMPONENTS), p.get(EPOCHS), p.get(LEARNING_RATE).floatValue(),
                p.get(SCHEDULE).equals("adadelta"), p.get(RHO).floatValue(), p.get(EPSILON).floatValue(),
                loss == WarpSettings.Loss.WARP ? p.get(MAX_SAMPLED) : 1, p.get(ITEM_ALPHA).floatValue(),
                p.get(USER_ALPHA).floatValue(), p.get(ITEM_FEATURES).equals("genres"), p.get(PARTITIONS), p.get(ROUNDS),
                p.get(MIXING).equals("average"),                 p.get(MIN_RATING));
    }

    @Override
    public RecommenderModel fit(TrainingData data, ParamMap params, long seed) {
        return fit(data, params, seed, EpochListener.progress(name(), settings(params).epochs()));
    }

    /** Fits with a callback after every epoch (progress, benchmarks, pruning). */
    @Override
    public WarpModel fit(TrainingData data, ParamMap params, long seed, EpochListener listener) {
        WarpTrainer.Result r = WarpTrainer.train(data, settings(params), seed, listener,
                (users, items) -> WarpModel.of(name(), params, users, items));
        return new WarpModel(name(), params, r.users(), r.items(), r.epochSeconds());
    }

    @Override
    public RecommenderModel load(SparkSession spark, String path, ParamMap params) {
        return WarpModel.load(name(), spark, path, params);
    }
}
