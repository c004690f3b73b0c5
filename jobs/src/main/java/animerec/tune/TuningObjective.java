package animerec.tune;

import animerec.eval.ModelEvaluation;
import animerec.model.ParamMap;
import animerec.model.Recommender;
import animerec.model.EpochListener;
import animerec.model.EpochTrainable;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import animerec.split.SplitData;
import animerec.split.SplitStrategy;
import animerec.split.Splitter;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * A tuning study's objective: a trial's parameters are fitted on each validation carve-out's train and scored
 * {NDCG@K, MAP@K} on its test (the mean over the carve-outs); with pruning, svd and warp report epoch snapshots.
 */
public final class TuningObjective implements Study.Objective {
    private final SparkSession spark;
    private final Recommender family;
    private final Function<Map<String, String>, ParamMap> paramsOf;
    private final SplitData data;
    private final TrainingData vTrain;
    private final List<Splitter.Split> carveOuts;
    private final int folds;
    private final ModelEvaluation.Settings settings;
    private final int objectiveK;
    private final boolean pruning;
    private final Set<Integer> reportAt;
    private final int parallel;
    private final long seed;

    /**
     * @param paramsOf  a trial's parameters as the family takes them
     * @param settings  the evaluation at the objective's K
     * @param reportAt  the epochs after which a pruned model reports (when {@code pruning})
     * @param parallel  concurrent trials (each in its own scheduler pool)
     */
    public TuningObjective(SparkSession spark, Recommender family, Function<Map<String, String>, ParamMap> paramsOf,
                           SplitData data, List<Splitter.Split> carveOuts, ModelEvaluation.Settings settings, boolean pruning,
                           Set<Integer> reportAt, int parallel, long seed) {
        this.spark = spark;
        this.family = family;
        this.paramsOf = paramsOf;
        this.data = data;
        this.vTrain = data.validationTrainingData();
        this.carveOuts = carveOuts;
        this.folds = carveOuts.size();
        this.settings = settings;
        this.objectiveK = settings.ks()[0];
        this.pruning = pruning;
        this.reportAt = reportAt;
        this.parallel = parallel;
        this.seed = seed;
    }

    /**
     * The carve-outs: the split's own first, then {@code folds - 1} more drawn the way the split drew it, with other
     * seeds ({@code split} names the split in errors).
     */
    public static List<Splitter.Split> carveOuts(SplitData data, int folds, long seed, String split) {
        List<Splitter.Split> carveOuts = new ArrayList<>(List.of(new Splitter.Split(data.validationTrain(), data.validationTest())));
        if (folds > 1) {
            JsonNode splitParams = data.manifest().path("params");
            double ratio = splitParams.path("validation_ratio").asDouble(0);
            if (ratio <= 0) {
                throw new UserError(split + ": split.json does not record its validation_ratio, so --folds cannot draw more");
            }
            SplitStrategy strategy = SplitStrategy.parse(
                    splitParams.path("validation_strategy").asText("random"));
            long splitSeed = data.manifest().path("seed").asLong(seed);
            for (int f = 1; f < folds; f++) {
                carveOuts.add(Splitter.split(data.train(), strategy, ratio, splitSeed + 1 + f));
            }
        }
        return carveOuts;
    }

    /** {NDCG@K, MAP@K} of a model (final, or an epoch snapshot) on carve-out f. */
    private double[] scoreOn(RecommenderModel model, int f) {
        ModelEvaluation.Result r = ModelEvaluation.run(model, carveOuts.get(f).train(), carveOuts.get(f).test(), settings);
        r.release();
        return new double[] {r.metrics().get("ndcg@" + objectiveK), r.metrics().get("map@" + objectiveK)};
    }

    private double[] score(RecommenderModel model) {
        return scoreOn(model, 0);
    }

    @Override
    public double[] evaluate(int number, Map<String, String> params, Study.Reporter reporter) throws Exception {
        if (parallel > 1) {
            spark.sparkContext().setLocalProperty("spark.scheduler.pool", "trial-" + (number % parallel));
        }
        try {
            var p = paramsOf.apply(params);
            if (pruning && family instanceof EpochTrainable trainable) { // svd, warp, bpr: scored at report epochs
                return score(trainable.fit(vTrain, p, seed, new EpochListener() {
                    @Override
                    public void epochDone(int epoch, double seconds) {
                    }

                    @Override
                    public boolean wantsSnapshot(int epoch) {
                        return reportAt.contains(epoch);
                    }

                    @Override
                    public void snapshot(int epoch, RecommenderModel model) {
                        reporter.report(epoch, score(model)[0]);
                    }
                }));
            }
            // the mean over the carve-outs, each fitted on its own train (with one carve-out, its value)
            double[] mean = new double[2];
            for (int f = 0; f < folds; f++) {
                double[] v = scoreOn(family.fit(new TrainingData(carveOuts.get(f).train(), data.items(), data.fits()), p, seed), f);
                mean[0] += v[0] / folds;
                mean[1] += v[1] / folds;
            }
            return mean;
        } finally {
            if (parallel == 1) { // concurrent trials would lose each other's caches (and local checkpoints)
                data.fits().clear(); // the hybrids' shared fits hold data unpersisted here
                spark.sparkContext().getPersistentRDDs().values().foreach(rdd -> rdd.unpersist(false));
            }
        }
    }
}
