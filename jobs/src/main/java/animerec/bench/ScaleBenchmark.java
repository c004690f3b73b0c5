package animerec.bench;

import static org.apache.spark.sql.functions.col;

import animerec.data.Columns;
import animerec.data.generate.LowRankRatings;
import animerec.catalog.ModelCatalog;
import animerec.model.factor.BlockedTopKScorer;
import animerec.model.svd.SvdModel;
import animerec.model.svd.SvdRecommender;
import animerec.model.warp.WarpModel;
import animerec.model.warp.WarpRecommender;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Scale benchmark on synthetic rank-20 ratings: svd seconds and ratings/second per epoch at several k; Spark ALS
 * seconds per iteration; top-K for all users with the blocked scorer and with Spark's recommendForAllUsers on the
 * same ALS factors; warp seconds per epoch. Merges its numbers into a JSON file.
 *
 * @param parts what to time: svd, als (with top-K), warp
 */
public record ScaleBenchmark(int users, int items, long ratings, int epochs, int[] factors, int topK, List<String> parts,
                             int warpEpochs, String out) {
    /** Times the parts asked for and merges them into the results JSON. */
    public void run(SparkSession spark, long seed) {
        int parallelism = spark.sparkContext().defaultParallelism();
        // parts timed in an earlier run stay in the file; the parts timed now replace theirs
        ObjectNode result = readExisting(spark);
        ObjectNode machine = result.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("spark_parallelism", parallelism);
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);

        long t0 = System.nanoTime();
        Dataset<Row> data = LowRankRatings.generate(spark, users, items, ratings, 20, 0.3, seed, Math.max(2, parallelism))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long n = data.count();
        ObjectNode size = result.putObject("data");
        size.put("users", users);
        size.put("items", items);
        size.put("ratings", n);
        size.put("generate_seconds", seconds(t0));
        System.out.printf("data: %,d ratings, %,d users x %,d items (%.1f s)%n", n, users, items, seconds(t0));

        if (parts.contains("svd")) {
            timeSvd(data, n, seed, result);
        }
        if (parts.contains("als")) {
            timeAlsAndTopK(data, parallelism, seed, result);
        }
        if (parts.contains("warp")) {
            timeWarp(data, n, seed, result);
        }
        HadoopFiles.writeStringAtomically(spark.sparkContext().hadoopConfiguration(), out, Json.write(result));
        System.out.println("wrote " + out);
    }

    private void timeSvd(Dataset<Row> data, long n, long seed, ObjectNode result) {
        ObjectNode svd = result.putObject("svd");
        SvdRecommender family = (SvdRecommender) ModelCatalog.get("svd");
        // warm-up (JIT compilation of the SGD kernel), not timed
        family.fit(animerec.model.TrainingData.of(data), family.params(Map.of("n_factors", "8", "n_epochs", "2")), seed, null);
        for (int k : factors) {
            long f0 = System.nanoTime();
            SvdModel m = family.fit(animerec.model.TrainingData.of(data), family.params(Map.of("n_factors", String.valueOf(k),
                    "n_epochs", String.valueOf(epochs))), seed, (epoch, s) ->
                    System.out.printf("  svd k=%d epoch %d: %.2f s, %,.0f ratings/s%n", k, epoch, s, n / s));
            double[] times = m.epochSeconds();
            double[] sortedTimes = times.clone();
            Arrays.sort(sortedTimes);
            double median = sortedTimes[sortedTimes.length / 2];
            ObjectNode e = svd.putObject("k" + k);
            e.put("seconds_per_epoch", median);
            e.put("ratings_per_second", n / median);
            e.put("fit_seconds_including_setup", seconds(f0));
            e.putPOJO("epoch_seconds", times);
            double[] kernel = m.kernelTaskSeconds();
            double kernelMean = Arrays.stream(kernel).average().orElse(0);
            double parallel = Math.min(m.strata(), Runtime.getRuntime().availableProcessors());
            e.put("sgd_kernel_task_seconds_per_epoch", kernelMean);
            e.put("sgd_kernel_share_of_epoch", kernelMean / parallel / median);
            System.out.printf("  k=%d: SGD loop %.2f task-s/epoch = %.0f%% of the epoch's wall time on %d parallel tasks%n",
                    k, kernelMean, 100 * kernelMean / parallel / median, (int) parallel);
            System.out.printf("svd k=%d: %.2f s/epoch (median of %d), %,.0f ratings/s%n", k, median, times.length, n / median);
            m.userFactors().unpersist();
            m.itemFactors().unpersist();
        }
    }

    private void timeAlsAndTopK(Dataset<Row> data, int parallelism, long seed, ObjectNode result) {

        Dataset<Row> alsData = data.select(col(Columns.USER).cast("int").as("user"), col(Columns.ITEM).cast("int").as("item"),
                col(Columns.RATING).cast("float").as("rating"));
        int blocks = Math.max(2, parallelism);
        ALS als = new ALS().setRank(20).setRegParam(0.05).setUserCol("user").setItemCol("item").setRatingCol("rating")
                .setNumUserBlocks(blocks).setNumItemBlocks(blocks).setSeed(seed).setCheckpointInterval(5);
        als.setMaxIter(1).fit(alsData).userFactors().count(); // warm-up (JIT, first shuffle), not timed
        long a0 = System.nanoTime();
        als.setMaxIter(1).fit(alsData).userFactors().count();
        double one = seconds(a0);
        long a1 = System.nanoTime();
        ALSModel model = als.setMaxIter(4).fit(alsData);
        model.userFactors().persist(StorageLevel.MEMORY_AND_DISK()).count();
        model.itemFactors().persist(StorageLevel.MEMORY_AND_DISK()).count();
        double four = seconds(a1);
        ObjectNode alsNode = result.putObject("als");
        alsNode.put("rank", 20);
        alsNode.put("seconds_per_iteration", (four - one) / 3);
        alsNode.put("fit_seconds_1_iteration", one);
        alsNode.put("fit_seconds_4_iterations", four);
        System.out.printf("als rank 20: %.2f s/iteration ((fit of 4 - fit of 1) / 3)%n", (four - one) / 3);

        Dataset<Row> uf = model.userFactors().select(col("id").cast("long").as(Columns.USER), col("features").as("vector"));
        Dataset<Row> itf = model.itemFactors().select(col("id").cast("long").as(Columns.ITEM), col("features").as("vector"));
        Dataset<Row> noneSeen = uf.select(Columns.USER).withColumn(Columns.ITEM, org.apache.spark.sql.functions.lit(-1L)).limit(0);
        long b0 = System.nanoTime();
        BlockedTopKScorer.defaults().recommend(uf, itf, uf.select(Columns.USER), noneSeen, topK).write().format("noop").mode("overwrite").save();
        double blocked = seconds(b0);
        long s0 = System.nanoTime();
        model.recommendForAllUsers(topK).write().format("noop").mode("overwrite").save();
        double sparkTopK = seconds(s0);
        ObjectNode topk = result.putObject("topk");
        topk.put("k", topK);
        topk.putObject("blocked").put("seconds", blocked);
        topk.putObject("spark").put("seconds", sparkTopK);
        System.out.printf("top-%d for %,d users x %,d items: blocked %.1f s, Spark recommendForAllUsers %.1f s%n",
                topK, users, items, blocked, sparkTopK);
    }

    private ObjectNode readExisting(SparkSession spark) {
        var conf = spark.sparkContext().hadoopConfiguration();
        if (!HadoopFiles.exists(conf, out)) {
            return Json.object();
        }
        try {
            return (ObjectNode) Json.MAPPER.readTree(HadoopFiles.readString(conf, out));
        } catch (java.io.IOException | ClassCastException e) {
            throw new animerec.util.UserError(out + ": not a JSON object (remove it or pass --out FILE): " + e.getMessage());
        }
    }

    /** WARP epochs at the seed's settings (64 components, adagrad, 10 samples): wall seconds and positives/second. */
    private void timeWarp(Dataset<Row> data, long n, long seed, ObjectNode result) {
        WarpRecommender family = (WarpRecommender) ModelCatalog.get("warp");
        // warm-up (JIT compilation of the SGD kernel), not timed
        family.fit(animerec.model.TrainingData.of(data), family.params(Map.of("epochs", "1")), seed, null);
        long f0 = System.nanoTime();
        WarpModel m = family.fit(animerec.model.TrainingData.of(data), family.params(Map.of("epochs", String.valueOf(warpEpochs))),
                seed, (epoch, s) -> System.out.printf("  warp epoch %d: %.2f s, %,.0f positives/s%n", epoch, s, n / s));
        double fit = seconds(f0);
        double[] times = m.epochSeconds();
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        ObjectNode w = result.putObject("warp");
        w.put("no_components", 64);
        w.put("seconds_per_epoch", median);
        w.put("positives_per_second", n / median);
        w.put("fit_seconds_including_setup", fit);
        w.putPOJO("epoch_seconds", times);
        System.out.printf("warp (64 components): %.2f s/epoch (median of %d), %,.0f positives/s%n", median, times.length, n / median);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
