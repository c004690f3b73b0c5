package animerec.model.svd;

import animerec.model.Param;
import animerec.model.EpochListener;
import animerec.model.EpochTrainable;
import animerec.model.FamilyTraits;
import animerec.model.ParamMap;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code svd}: biased matrix factorisation with Surprise's semantics (r̂ = μ + b_u + b_i + q_iᵀp_u, per-rating
 * SGD updates), trained distributed with DSGD ({@link DsgdTrainer}). Defaults are Surprise's.
 * A per-parameter learning rate or regularisation of -1 inherits {@code lr_all} / {@code reg_all}.
 */
public final class SvdRecommender implements EpochTrainable {
    static final Param<Integer> FACTORS = Param.intParam("n_factors", "number of latent factors", 100, 1, 4096);
    static final Param<Integer> EPOCHS = Param.intParam("n_epochs", "SGD passes over the ratings", 20, 1, 10_000);
    static final Param<Double> LR_ALL = Param.doubleParam("lr_all", "learning rate of every parameter", 0.005, 0, 10);
    static final Param<Double> REG_ALL = Param.doubleParam("reg_all", "L2 regularisation of every parameter", 0.02, 0, 100);
    static final Param<Double> LR_BU = inherit("lr_bu", "learning rate of user biases");
    static final Param<Double> LR_BI = inherit("lr_bi", "learning rate of item biases");
    static final Param<Double> LR_PU = inherit("lr_pu", "learning rate of user factors");
    static final Param<Double> LR_QI = inherit("lr_qi", "learning rate of item factors");
    static final Param<Double> REG_BU = inherit("reg_bu", "regularisation of user biases");
    static final Param<Double> REG_BI = inherit("reg_bi", "regularisation of item biases");
    static final Param<Double> REG_PU = inherit("reg_pu", "regularisation of user factors");
    static final Param<Double> REG_QI = inherit("reg_qi", "regularisation of item factors");
    static final Param<Double> INIT_MEAN = Param.doubleParam("init_mean", "mean of the initial factors", 0, -10, 10);
    static final Param<Double> INIT_STD = Param.doubleParam("init_std", "std of the initial factors", 0.1, 0, 10);
    static final Param<Boolean> BIASED = Param.boolParam("biased", "use the global mean and user/item biases", true);
    static final Param<Double> LR_DECAY = Param.doubleParam("lr_decay",
            "learning rates are multiplied by this after every epoch (1 = constant)", 1.0, 0.01, 1.0);
    static final Param<Integer> STRATA = Param.intParam("strata",
            "DSGD strata d (0 = Spark's default parallelism)", 0, 0, 4096);

    private static Param<Double> inherit(String name, String doc) {
        return Param.doubleParam(name, doc + " (-1 = inherit the *_all value)", -1, -1, 100);
    }

    @Override
    public String name() {
        return "svd";
    }

    @Override
    public FamilyTraits traits() {
        return FamilyTraits.COLLABORATIVE;
    }

    @Override
    public String description() {
        return "biased matrix factorisation (Surprise SVD semantics) trained with distributed SGD (DSGD)";
    }

    @Override
    public List<Param<?>> params() {
        return List.of(FACTORS, EPOCHS, LR_ALL, REG_ALL, LR_BU, LR_BI, LR_PU, LR_QI, REG_BU, REG_BI, REG_PU, REG_QI,
                INIT_MEAN, INIT_STD, BIASED, LR_DECAY, STRATA);
    }

    static SvdSettings settings(ParamMap p) {
        double lr = p.get(LR_ALL);
        double reg = p.get(REG_ALL);
        return new SvdSettings(p.get(FACTORS), p.get(EPOCHS),
                or(p.get(LR_BU), lr), or(p.get(LR_BI), lr), or(p.get(LR_PU), lr), or(p.get(LR_QI), lr),
                or(p.get(REG_BU), reg), or(p.get(REG_BI), reg), or(p.get(REG_PU), reg), or(p.get(REG_QI), reg),
                p.get(INIT_MEAN), p.get(INIT_STD), p.get(BIASED), p.get(LR_DECAY), p.get(STRATA));
    }

    private static float or(double specific, double all) {
        return (float) (specific < 0 ? all : specific);
    }

    @Override
    public RecommenderModel fit(TrainingData data, ParamMap params, long seed) {
        return fit(data, params, seed, EpochListener.progress(name(), settings(params).epochs()));
    }

    /** Fits with a callback after every epoch (for progress and pruning). */
    @Override
    public SvdModel fit(TrainingData data, ParamMap params, long seed, EpochListener listener) {
        return new SvdModel(params, DsgdTrainer.train(data.interactions(), settings(params), seed, listener,
                factors -> SvdModel.of(params, factors)));
    }

    @Override
    public RecommenderModel load(SparkSession spark, String path, ParamMap params) {
        return SvdModel.load(spark, path, params);
    }
}
