package animerec.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import animerec.data.Columns;
import animerec.data.generate.SampleDatasetWriter;
import animerec.data.generate.SampleSpec;
import animerec.eval.ModelEvaluation;
import animerec.catalog.ModelCatalog;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import animerec.split.SplitStrategy;
import animerec.split.Splitter;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench-knn", mixinStandardHelpOptions = true,
        description = {"Scaling benchmark of the neighbourhood models on the generated sample: for each size, fits",
            "knn (user-based, MSD) and item-knn on a 75% split, then predicts a sample of the test ratings (knn) or the top-10",
            "of every user (item-knn). Reports seconds, the number of pair updates (Σ over inverted lists of",
            "n(n−1)/2, lists capped at max_list) and the JVM's peak heap. Writes a JSON of the measurements."})
final class BenchKnnCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--interactions", split = ",", description = "sizes (default: 1000000,5000000)")
    long[] sizes = {1_000_000L, 5_000_000L};

    @Option(names = "--users-per-interaction", description = "users = interactions × this (default: ${DEFAULT-VALUE})")
    double usersShare = 0.02;

    @Option(names = "--items-per-interaction", description = "items = interactions × this (default: ${DEFAULT-VALUE})")
    double itemsShare = 0.005;

    @Option(names = "--predict-sample", description = "test ratings predicted by knn (default: ${DEFAULT-VALUE})")
    int predictSample = 20_000;

    @Option(names = "--out", description = "default: ${DEFAULT-VALUE}")
    String out = "results/bench-knn.json";

    @Override
    public Integer call() {
        SparkSession spark = common.spark("animerec bench-knn");
        long seed = common.config().seed;
        ObjectNode results = Json.object();
        results.put("cores", Runtime.getRuntime().availableProcessors());
        results.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        results.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        results.put("master", spark.sparkContext().master());
        for (long n : sizes) {
            int users = (int) Math.max(10, n * usersShare);
            int items = (int) Math.max(10, n * itemsShare);
            String data = HadoopFiles.child("work/bench-knn", "data-" + n);
            SampleDatasetWriter.write(spark, new SampleSpec(users, items, n, seed, 0.0, SampleSpec.defaults().factors()), data);
            Dataset<Row> all = spark.read().parquet(data + "/interactions");
            Splitter.Split split = Splitter.split(all, SplitStrategy.RANDOM, 0.25, seed);
            Dataset<Row> train = split.train().persist(StorageLevel.MEMORY_AND_DISK());
            Dataset<Row> test = split.test().persist(StorageLevel.MEMORY_AND_DISK());
            ObjectNode r = results.putObject(String.valueOf(n));
            r.put("users", users);
            r.put("items", items);
            r.put("train_interactions", train.count());
            r.put("test_interactions", test.count());
            r.put("user_pair_updates", pairUpdates(train, Columns.ITEM, 1000));
            r.put("item_pair_updates", pairUpdates(train, Columns.USER, 1000));
            System.out.printf("%,d interactions: %,d users, %,d items; pair updates user-based %,d, item-based %,d%n",
                    n, users, items, r.path("user_pair_updates").asLong(), r.path("item_pair_updates").asLong());

            Recommender knn = ModelCatalog.get("knn");
            long t0 = System.nanoTime();
            animerec.model.RatingPredictor m = (animerec.model.RatingPredictor) knn.fit(TrainingData.of(train), knn.params(Map.of()), seed);
            double fit = seconds(t0);
            // a KNN prediction reads every rater of the item: time a fixed sample of the test ratings
            Dataset<Row> sample = test.orderBy(org.apache.spark.sql.functions.xxhash64(col(Columns.USER), col(Columns.ITEM)))
                    .limit(predictSample).persist(StorageLevel.MEMORY_AND_DISK());
            sample.count();
            t0 = System.nanoTime();
            double rmse = ModelEvaluation.ratingErrors(m, sample).get("rmse");
            double predict = seconds(t0);
            r.put("knn.predicted_ratings", predictSample);
            r.put("knn.fit_seconds", fit);
            r.put("knn.predict_seconds", predict);
            r.put("knn.rmse", rmse);
            System.out.printf("  knn: fit %.1f s, predict %,d test ratings %.1f s, RMSE %.4f%n", fit, predictSample,
                    predict, rmse);

            Recommender iknn = ModelCatalog.get("item-knn");
            t0 = System.nanoTime();
            RecommenderModel im = iknn.fit(TrainingData.of(train), iknn.params(Map.of()), seed);
            fit = seconds(t0);
            t0 = System.nanoTime();
            Dataset<Row> seen = train.select(Columns.USER, Columns.ITEM);
            long rows = im.recommend(seen.select(Columns.USER).distinct(), seen, 10).count();
            double recommend = seconds(t0);
            r.put("item_knn.fit_seconds", fit);
            r.put("item_knn.top10_all_users_seconds", recommend);
            r.put("item_knn.recommendations", rows);
            System.out.printf("  item-knn: fit %.1f s, top-10 for all users %.1f s (%,d rows)%n", fit, recommend, rows);
            train.unpersist();
            test.unpersist();
        }
        results.put("peak_heap_mb", FeaturesCommand.peakHeapMb());
        HadoopFiles.writeStringAtomically(spark.sparkContext().hadoopConfiguration(), out, Json.write(results));
        System.out.println("peak heap " + results.path("peak_heap_mb").asLong() + " MB; wrote " + out);
        return 0;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Σ over the lists grouped by {@code listColumn} of m(m − 1)/2, m = min(list length, cap). */
    static long pairUpdates(Dataset<Row> train, String listColumn, int cap) {
        Row r = train.groupBy(listColumn).agg(count(lit(1)).as("n"))
                .select(least(col("n"), lit(cap)).as("m"))
                .agg(sum(col("m").multiply(col("m").minus(1)).divide(2))).first();
        return r.isNullAt(0) ? 0 : (long) r.getDouble(0);
    }
}
