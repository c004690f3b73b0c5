package animerec.model.svd;

import animerec.data.generate.LowRankRatings;
import animerec.eval.ModelEvaluation;
import animerec.catalog.ModelCatalog;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import animerec.split.SplitStrategy;
import animerec.split.Splitter;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Run in a separate JVM by {@link SvdClusterTest}: fits svd (strata 2) on seeded synthetic ratings under
 * the given master and prints the test RMSE with every digit.
 * Arguments: master, executor class path, executor JVM options.
 */
public final class SvdClusterRun {
    private SvdClusterRun() {
    }

    public static void main(String[] args) {
        SparkSession spark = animerec.testing.ClusterRuns.session("svd-cluster-run", args);
        Dataset<Row> data = LowRankRatings.generate(spark, 600, 300, 18_000, 5, 0.3, 21, 3);
        Splitter.Split split = Splitter.split(data.withColumn("timestamp", org.apache.spark.sql.functions.lit(null).cast("long")),
                SplitStrategy.RANDOM, 0.25, 21);
        Recommender svd = ModelCatalog.get("svd");
        RecommenderModel m = svd.fit(TrainingData.of(split.train()), svd.params(Map.of("n_factors", "8", "n_epochs", "15", "lr_all", "0.02", "strata", "2")), 5);
        double rmse = ModelEvaluation.ratingErrors((animerec.model.RatingPredictor) m, split.test()).get("rmse");
        double std = split.test().agg(org.apache.spark.sql.functions.stddev_pop("rating")).first().getDouble(0);
        System.out.println("RMSE=" + rmse + " executors=" + spark.sparkContext().getExecutorMemoryStatus().size()
                + " STD=" + std);
        spark.stop();
    }
}
