package animerec.model.warp;

import animerec.eval.ModelEvaluation;
import animerec.eval.Relevance;
import animerec.eval.UserSet;
import animerec.catalog.ModelCatalog;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import animerec.split.SplitStrategy;
import animerec.split.Splitter;
import animerec.testing.ClusteredInteractions;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Run in a separate JVM by {@link WarpClusterTest}: fits warp and bpr (2 partitions) on seeded clustered data
 * under the given master and prints their test NDCG@10 with every digit.
 * Arguments: master, executor class path, executor JVM options.
 */
public final class WarpClusterRun {
    private WarpClusterRun() {
    }

    public static void main(String[] args) {
        SparkSession spark = animerec.testing.ClusterRuns.session("warp-cluster-run", args);
        Dataset<Row> all = ClusteredInteractions.interactions(spark, 240, 120, 4, 12, 3, 5);
        Splitter.Split split = Splitter.split(all, SplitStrategy.RANDOM, 0.25, 5);
        ModelEvaluation.Settings settings = new ModelEvaluation.Settings(new int[] {10}, Relevance.allHeldOut(), UserSet.TRUTH);
        StringBuilder line = new StringBuilder();
        for (String name : new String[] {"warp", "bpr"}) {
            Recommender r = ModelCatalog.get(name);
            RecommenderModel m = r.fit(TrainingData.of(split.train()),
                    r.params(Map.of("no_components", "16", "epochs", "15", "partitions", "2")), 5);
            double ndcg = ModelEvaluation.run(m, split.train(), split.test(), settings).metrics().get("ndcg@10");
            line.append(name.toUpperCase()).append('=').append(ndcg).append(' ');
        }
        System.out.println(line + "executors=" + spark.sparkContext().getExecutorMemoryStatus().size());
        spark.stop();
    }
}
