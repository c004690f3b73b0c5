package animerec.hybrid;

import animerec.data.Columns;
import animerec.eval.ModelEvaluation;
import animerec.eval.Relevance;
import animerec.eval.UserSet;
import animerec.catalog.ModelCatalog;
import animerec.model.Recommender;
import animerec.model.TrainingData;
import animerec.split.SplitStrategy;
import animerec.split.Splitter;
import animerec.testing.ClusteredInteractions;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Run in a separate JVM by {@link HybridClusterTest}: fits hybrid-rrf (item-knn and popularity; weights
 * learned on validation) under the given master and prints its NDCG@10, learned weights and a digest of
 * every recommended list.
 */
public final class HybridClusterRun {
    private HybridClusterRun() {
    }

    public static void main(String[] args) {
        SparkSession spark = animerec.testing.ClusterRuns.session("hybrid-cluster-run", args);
        Dataset<Row> all = ClusteredInteractions.interactions(spark, 200, 80, 4, 10, 3, 21);
        Splitter.Split split = Splitter.split(all, SplitStrategy.RANDOM, 0.25, 21);
        Recommender r = ModelCatalog.get("hybrid-rrf");
        HybridModel m = (HybridModel) r.fit(TrainingData.of(split.train()),
                r.params(Map.of("components", "item-knn+popularity", "candidates", "20")), 3);
        ModelEvaluation.Settings settings = new ModelEvaluation.Settings(new int[] {10}, Relevance.allHeldOut(), UserSet.TRUTH);
        ModelEvaluation.Result result = ModelEvaluation.run(m, split.train(), split.test(), settings);
        List<Row> lists = result.recommendations().orderBy(Columns.USER, Columns.RANK).collectAsList();
        System.out.println("NDCG=" + result.metrics().get("ndcg@10") + " WEIGHTS=" + java.util.Arrays.toString(m.weights())
                + " LISTS=" + lists.hashCode() + " executors=" + spark.sparkContext().getExecutorMemoryStatus().size());
        spark.stop();
    }
}
