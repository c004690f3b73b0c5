package animerec.bench;

import animerec.app.AppContext;
import animerec.data.Columns;
import animerec.data.Datasets;
import animerec.data.ingest.Ingest;
import animerec.data.ingest.InteractionLineParser;
import animerec.data.ingest.ItemLineParser;
import animerec.data.ingest.RatingRules;
import animerec.eval.CandidateRanking;
import animerec.eval.RankingEvaluator;
import animerec.eval.UserSet;
import animerec.model.CandidateRanker;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import animerec.split.SplitStrategy;
import animerec.split.Splitter;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Item cold start on MovieLens 100K: a seeded share of the movies is held out with all their ratings; models fit on
 * the rest and rank the held-out movies only, against a seeded random order.
 */
public record ColdItemsBenchmark(List<String> models, String shared, double ratio, String work, String out) {
    /** Runs the benchmark and writes its results. */
    public void run(AppContext ctx) throws Exception {
        SparkSession spark = ctx.spark("animerec bench-cold-items");
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String ml = HadoopFiles.child(shared, "ml-100k");
        if (!HadoopFiles.exists(conf, HadoopFiles.child(ml, "u.data")) || !HadoopFiles.exists(conf, HadoopFiles.child(ml, "u.item"))) {
            throw new UserError(ml + ": needs u.data and u.item (pass --shared DIR)");
        }
        List<animerec.bench.BenchVariant> variants = models.stream().map(animerec.bench.BenchVariant::parse).toList();
        long seed = ctx.config().seed;
        String dataDir = HadoopFiles.child(work, "data");
        Ingest.run(spark,
                new Ingest.Source(HadoopFiles.child(ml, "u.data"), "UTF-8",
                        InteractionLineParser.byPosition('\t', 0, 1, 2, 3, false, RatingRules.scale(1, 5))),
                new Ingest.Source(HadoopFiles.child(ml, "u.item"), "ISO-8859-1", ItemLineParser.movieLens()), dataDir);
        Dataset<Row> interactions = Datasets.readTable(spark, HadoopFiles.child(dataDir, Columns.INTERACTIONS_TABLE), Columns.INTERACTIONS);
        Dataset<Row> items = Datasets.readItemsOrNull(spark, dataDir);
        Splitter.Split split = Splitter.split(interactions, SplitStrategy.COLD_ITEMS, ratio, seed);
        Dataset<Row> train = split.train().persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> test = split.test().persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> candidates = test.select(Columns.ITEM).distinct().persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> users = test.select(Columns.USER).distinct();
        long coldItems = candidates.count();
        System.out.printf("cold-items split (ratio %.2f, seed %d): train %,d ratings, test %,d ratings on %,d held-out movies, %,d users%n",
                ratio, seed, train.count(), test.count(), coldItems, users.count());
        RankingEvaluator evaluator = new RankingEvaluator(new int[] {10}, UserSet.TRUTH);
        Dataset<Row> relevant = test.select(Columns.USER, Columns.ITEM);
        ObjectNode results = Json.object();
        ObjectNode about = results.putObject("split");
        about.put("strategy", "cold-items").put("ratio", ratio).put("seed", seed).put("cold_items", coldItems)
                .put("test_ratings", test.count()).put("candidates", "the held-out items only");
        LinkedHashMap<String, LinkedHashMap<String, Double>> table = new LinkedHashMap<>();
        for (animerec.bench.BenchVariant v : variants) {
            long t0 = System.nanoTime();
            RecommenderModel m = v.family().fit(new TrainingData(train, items), v.family().params(v.params()), seed);
            double fit = (System.nanoTime() - t0) / 1e9;
            if (!(m instanceof CandidateRanker ranker)) {
                throw new animerec.util.UserError(v.label() + " cannot rank a given candidate set (cold items)");
            }
            LinkedHashMap<String, Double> metrics = evaluator.evaluate(ranker.recommendAmong(users, candidates, train, 10), relevant, coldItems);
            metrics.put("fit_seconds", fit);
            table.put(v.label(), metrics);
        }
        table.put("random", evaluator.evaluate(CandidateRanking.random(users, candidates, train, 10, seed), relevant, coldItems));
        System.out.printf("%-32s %10s %10s %12s %10s%n", "model", "ndcg@10", "map@10", "precision@10", "recall@10");
        for (var e : table.entrySet()) {
            ObjectNode r = results.putObject(e.getKey());
            for (String key : List.of("ndcg@10", "map@10", "precision@10", "recall@10", "hit_rate@10", "users")) {
                r.put(key, e.getValue().get(key));
            }
            if (e.getValue().containsKey("fit_seconds")) {
                r.put("fit_seconds", e.getValue().get("fit_seconds"));
            }
            System.out.printf("%-32s %10.4f %10.4f %12.4f %10.4f%n", e.getKey(), e.getValue().get("ndcg@10"),
                    e.getValue().get("map@10"), e.getValue().get("precision@10"), e.getValue().get("recall@10"));
        }
        HadoopFiles.writeStringAtomically(conf, out, Json.write(results));
        System.out.println("wrote " + out);
    }
}
