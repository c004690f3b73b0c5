package animerec.cli;

import animerec.artifact.ModelRegistry;
import animerec.eval.ExperimentLog;
import animerec.eval.Leaderboard;
import animerec.eval.ModelEvaluation;
import animerec.model.RecommenderModel;
import animerec.split.SplitData;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a registered model on a split's test set and record the metrics.")
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "NAME[@VERSION]", description = "registered model")
    String model;

    @Option(names = "--split", required = true, paramLabel = "DIR", description = "split folder")
    String split;

    @Option(names = "--k", split = ",", description = "cut-offs (default: evaluation.k)")
    int[] ks;

    @Override
    public Integer call() {
        SparkSession spark = common.spark("animerec evaluate");
        ModelRegistry registry = common.registry(spark);
        ObjectNode entry = registry.resolve(model);
        RecommenderModel m = registry.load(spark, model);
        SplitData data = SplitData.load(spark, split);
        ModelEvaluation.Settings settings = common.evaluation(ks);
        ModelEvaluation.Result result = ModelEvaluation.run(m, data.train(), data.test(), settings);
        String name = entry.path("name").asText();
        String version = entry.path("version").asText();
        registry.recordMetrics(name, version, result.metrics());
        common.experimentLog(spark).record(new ExperimentLog.Run(name, version, entry.path("params_hash").asText(),
                data.manifest().path("train_fingerprint").asText(), data.splitId(), settings.ks(), result.metrics(),
                entry.path("fit_seconds").asDouble()));
        int k = settings.ks()[settings.ks().length > 1 ? 1 : 0];
        System.out.print(Leaderboard.format(List.of(new Leaderboard.Entry(name + " " + version, result.metrics(),
                entry.path("fit_seconds").asDouble())), k));
        return 0;
    }
}
