package animerec.bench;

import animerec.app.AppContext;
import animerec.app.Experiment;
import animerec.app.Leaderboard;
import animerec.data.ingest.Ingest;
import animerec.data.ingest.ItemLineParser;
import animerec.eval.ModelEvaluation;
import animerec.eval.Relevance;
import animerec.eval.UserSet;
import animerec.catalog.ModelCatalog;
import animerec.model.Recommender;
import animerec.model.Reporting;
import animerec.split.SplitData;
import animerec.split.SplitJob;
import animerec.split.SplitSettings;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * Every model (default parameters, or the given ones) on the fixed MovieLens 100K split, imported as a given split;
 * K=10, relevance = every test rating. Merges the metrics per model into a JSON file.
 */
public record Ml100kBenchmark(String shared, List<String> models, String work, String out, boolean validation) {
    /** Runs the benchmark and writes its results. */
    public void run(AppContext ctx) throws Exception {
        SparkSession spark = ctx.spark("animerec bench-ml100k");
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String splitIn = HadoopFiles.child(shared, "ml-100k-split");
        if (!HadoopFiles.exists(conf, HadoopFiles.child(splitIn, "train.tsv"))) {
            throw new UserError(splitIn + ": no train.tsv (pass --shared DIR with ml-100k-split/ and ml-100k/)");
        }
        List<BenchVariant> variants = new ArrayList<>();
        for (String spec : models == null ? ModelCatalog.names() : models) {
            variants.add(BenchVariant.parse(spec));
        }
        String itemFile = HadoopFiles.child(HadoopFiles.child(shared, "ml-100k"), "u.item");
        String itemsDir = null;
        if (HadoopFiles.exists(conf, itemFile)) {
            itemsDir = HadoopFiles.child(work, "data");
            Ingest.run(spark, null, new Ingest.Source(itemFile, "ISO-8859-1", ItemLineParser.movieLens()), itemsDir);
        }
        String splitDir = HadoopFiles.child(work, "split");
        SplitJob.Given given = new SplitJob.Given(HadoopFiles.child(splitIn, "train.tsv"), HadoopFiles.child(splitIn, "test.tsv"),
                '\t', null);
        SplitData split = SplitJob.run(spark, SplitSettings.of(ctx.config(), "given", null, validation ? 0.2 : 0.0),
                new SplitJob.Source(null, given, itemsDir), splitDir);
        if (validation) {
            split = split.asValidation();
        }
        System.out.printf("ml-100k split %s: train %,d, test %,d rows, %,d test users%n", split.splitId(),
                split.manifest().path("rows").path("train").asLong(), split.manifest().path("rows").path("test").asLong(),
                split.manifest().path("users").path("test").asLong());
        ModelEvaluation.Settings settings = new ModelEvaluation.Settings(new int[] {10}, Relevance.allHeldOut(), UserSet.TRUTH)
                .withCurveK(ctx.config().evaluation.curveK); // the report's data: `animerec report --experiments WORK/experiments`
        ObjectNode results = HadoopFiles.exists(conf, out)
                ? (ObjectNode) Json.MAPPER.readTree(HadoopFiles.readString(conf, out)) : Json.object();
        List<Leaderboard.Entry> board = new ArrayList<>();
        var registry = new animerec.artifact.ModelRegistry(conf, HadoopFiles.child(work, "artifacts"));
        var log = new animerec.app.ExperimentLog(conf, HadoopFiles.child(work, "experiments"));
        for (BenchVariant v : variants) {
            Recommender family = v.family();
            Experiment.Outcome o = Experiment.run(family, family.params(v.params()), split, splitDir,
                    ctx.config().seed, settings, registry, log, ctx.configJson());
            // a hybrid run later in the benchmark reuses this fit as its component (same train, seed, defaults)
            split.fits().share(split.trainingData(), family, family.params(v.params()), ctx.config().seed, o.model());
            ObjectNode r = results.putObject(v.label());
            for (String key : List.of("precision@10", "recall@10", "ndcg@10", "map@10", "hit_rate@10")) {
                r.put(key, o.metrics().get(key));
            }
            r.put("coverage", o.metrics().get("coverage@10"));
            if (o.metrics().containsKey("rmse")) {
                r.put("rmse", o.metrics().get("rmse"));
            }
            r.put("fit_seconds", o.fitSeconds());
            com.fasterxml.jackson.databind.JsonNode report = Reporting.of(o.model());
            if (report != null) {
                r.set("model_report", report);
                System.out.println(v.label() + ": " + Json.MAPPER.writeValueAsString(report));
            }
            r.put("users", o.metrics().get("users").longValue());
            r.put("split_id", split.splitId());
            board.add(new Leaderboard.Entry(v.label(), o.metrics(), o.fitSeconds()));
        }
        HadoopFiles.writeStringAtomically(conf, out, Json.write(results));
        System.out.print(Leaderboard.format(board, 10));
        System.out.println("wrote " + out);
    }
}
