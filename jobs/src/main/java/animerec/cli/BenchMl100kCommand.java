package animerec.cli;

import animerec.bench.BenchVariant;
import animerec.data.ingest.Ingest;
import animerec.data.ingest.ItemLineParser;
import animerec.eval.Experiment;
import animerec.eval.Leaderboard;
import animerec.eval.ModelEvaluation;
import animerec.eval.Relevance;
import animerec.eval.UserSet;
import animerec.catalog.ModelCatalog;
import animerec.model.Recommender;
import animerec.split.SplitData;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench-ml100k", mixinStandardHelpOptions = true,
        description = {"Benchmark every model (default parameters) on the fixed MovieLens 100K split",
            "(SHARED/ml-100k-split, imported as a given split) at K=10, relevance = every test rating,",
            "candidates = train items minus the user's own. Writes a JSON of metrics per model."})
final class BenchMl100kCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--shared", paramLabel = "DIR", description = "the shared data folder (default: ${DEFAULT-VALUE})")
    String shared = "../shared/data";

    @Option(names = "--models", split = ",", paramLabel = "NAME[:KEY=VALUE;...]",
            description = "models to run, each optionally with parameters, e.g. knn:sim=cosine (default: all, defaults)")
    List<String> models;

    @Option(names = "--work", paramLabel = "DIR", description = "split, registry and records (default: ${DEFAULT-VALUE})")
    String work = "work/bench-ml100k";

    @Option(names = "--out", paramLabel = "FILE", description = "results JSON (default: ${DEFAULT-VALUE})")
    String out = "results/bench-ml100k.json";

    @Option(names = "--validation", description = "fit on a seeded 80% of train and score the other 20% of train "
            + "(the validation carve-out, for choosing settings); the test file is not read for metrics")
    boolean validation;

    @Override
    public Integer call() throws Exception {
        SparkSession spark = common.spark("animerec bench-ml100k");
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
        SplitData split = SplitCommand.SplitJob.run(spark, common, null, "given", null, validation ? 0.2 : 0.0,
                new SplitCommand.SplitJob.Given(HadoopFiles.child(splitIn, "train.tsv"), HadoopFiles.child(splitIn, "test.tsv"),
                        '\t', null), itemsDir, splitDir);
        if (validation) {
            split = split.asValidation();
        }
        System.out.printf("ml-100k split %s: train %,d, test %,d rows, %,d test users%n", split.splitId(),
                split.manifest().path("rows").path("train").asLong(), split.manifest().path("rows").path("test").asLong(),
                split.manifest().path("users").path("test").asLong());
        ModelEvaluation.Settings settings = new ModelEvaluation.Settings(new int[] {10}, Relevance.allHeldOut(), UserSet.TRUTH);
        ObjectNode results = HadoopFiles.exists(conf, out)
                ? (ObjectNode) Json.MAPPER.readTree(HadoopFiles.readString(conf, out)) : Json.object();
        List<Leaderboard.Entry> board = new ArrayList<>();
        var registry = new animerec.artifact.ModelRegistry(conf, HadoopFiles.child(work, "artifacts"));
        var log = new animerec.eval.ExperimentLog(conf, HadoopFiles.child(work, "experiments"));
        for (BenchVariant v : variants) {
            Recommender family = v.family();
            Experiment.Outcome o = Experiment.run(family, family.params(v.params()), split, splitDir,
                    common.config().seed, settings, registry, log, common.configJson());
            // a hybrid run later in the benchmark reuses this fit as its component (same train, seed, defaults)
            split.fits().share(split.trainingData(), family, family.params(v.params()), common.config().seed, o.model());
            ObjectNode r = results.putObject(v.label());
            for (String key : List.of("precision@10", "recall@10", "ndcg@10", "map@10", "hit_rate@10")) {
                r.put(key, o.metrics().get(key));
            }
            r.put("coverage", o.metrics().get("coverage@10"));
            if (o.metrics().containsKey("rmse")) {
                r.put("rmse", o.metrics().get("rmse"));
            }
            r.put("fit_seconds", o.fitSeconds());
            if (animerec.model.Reporting.of(o.model()) != null) {
                r.set("model_report", animerec.model.Reporting.of(o.model()));
                System.out.println(v.label() + ": " + Json.MAPPER.writeValueAsString(animerec.model.Reporting.of(o.model())));
            }
            r.put("users", o.metrics().get("users").longValue());
            r.put("split_id", split.splitId());
            board.add(new Leaderboard.Entry(v.label(), o.metrics(), o.fitSeconds()));
        }
        HadoopFiles.writeStringAtomically(conf, out, Json.write(results));
        System.out.print(Leaderboard.format(board, 10));
        System.out.println("wrote " + out);
        return 0;
    }
}
