package animerec.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import animerec.app.AppContext;
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
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Scaling benchmark of the neighbourhood models on the generated sample: knn (user-based) predicts a sample of the
 * test ratings, item-knn the top-10 of every user; seconds, pair updates and the peak heap per size.
 */
public record KnnBenchmark(long[] sizes, double usersShare, double itemsShare, int predictSample, String out) {
    /** Runs the benchmark and writes its results. */
    public void run(AppContext ctx) {
        SparkSession spark = ctx.spark("animerec bench-knn");
        long seed = ctx.config().seed;
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
        results.put("peak_heap_mb", animerec.util.Jvm.peakHeapMb());
        HadoopFiles.writeStringAtomically(spark.sparkContext().hadoopConfiguration(), out, Json.write(results));
        System.out.println("peak heap " + results.path("peak_heap_mb").asLong() + " MB; wrote " + out);
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
