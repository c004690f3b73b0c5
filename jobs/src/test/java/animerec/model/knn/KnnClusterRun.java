package animerec.model.knn;

import animerec.data.Columns;
import animerec.data.generate.LowRankRatings;
import animerec.catalog.ModelCatalog;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import animerec.split.SplitStrategy;
import animerec.split.Splitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Run in a separate JVM by {@link KnnClusterTest}: fits knn (user- and item-based) and knn-baseline on seeded
 * synthetic ratings under the given master and writes every test prediction, with all digits, to a file.
 * Arguments: master, executor class path, executor JVM options, output file.
 */
public final class KnnClusterRun {
    private KnnClusterRun() {
    }

    public static void main(String[] args) throws IOException {
        SparkSession spark = animerec.testing.ClusterRuns.session("knn-cluster-run", args);
        Dataset<Row> data = LowRankRatings.generate(spark, 300, 150, 6_000, 5, 0.3, 21, 3)
                .withColumn("timestamp", org.apache.spark.sql.functions.lit(null).cast("long"));
        Splitter.Split split = Splitter.split(data, SplitStrategy.RANDOM, 0.25, 21);
        List<String> lines = new ArrayList<>();
        for (String[] spec : new String[][] {{"knn", "true"}, {"knn", "false"}, {"knn-baseline", "true"}}) {
            Recommender r = ModelCatalog.get(spec[0]);
            RecommenderModel m = r.fit(TrainingData.of(split.train()), r.params(Map.of("user_based", spec[1])), 5);
            for (Row p : ((animerec.model.RatingPredictor) m).predict(split.test().select(Columns.USER, Columns.ITEM)).orderBy(Columns.USER, Columns.ITEM)
                    .collectAsList()) {
                lines.add(spec[0] + " " + spec[1] + " " + p.getLong(0) + " " + p.getLong(1) + " " + p.getDouble(2)
                        + " " + p.getBoolean(3));
            }
        }
        Files.write(Path.of(args[3]), lines);
        System.out.println("PREDICTIONS=" + lines.size() + " executors=" + spark.sparkContext().getExecutorMemoryStatus().size());
        spark.stop();
    }
}
