package animerec.cli;

import animerec.eval.Experiment;
import animerec.eval.Leaderboard;
import animerec.eval.Relevance;
import animerec.catalog.ModelCatalog;
import animerec.model.ParamMap;
import animerec.model.Recommender;
import animerec.split.SplitData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Fit a registered model on a split's train set, save it as a new version in the registry,",
            "evaluate it on the test set and record the metrics."})
final class TrainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--model", required = true, completionCandidates = ModelNames.class,
            description = "model name: ${COMPLETION-CANDIDATES}")
    String model;

    @Option(names = "--split", required = true, paramLabel = "DIR", description = "split folder (from `animerec split`)")
    String split;

    @Option(names = "--param", paramLabel = "KEY=VALUE",
            description = "model parameter (repeatable); overrides models.<name> in the config")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--k", split = ",", description = "evaluation cut-offs (default: evaluation.k)")
    int[] ks;

    @Override
    public Integer call() {
        SparkSession spark = common.spark("animerec train " + model);
        Recommender family = ModelCatalog.get(model);
        ParamMap paramMap = paramsFor(common, family, params);
        SplitData data = SplitData.load(spark, split);
        Experiment.Outcome o = Experiment.run(family, paramMap, data, split, common.config().seed,
                common.evaluation(ks), common.registry(spark), common.experimentLog(spark), common.configJson());
        System.out.printf("trained %s %s on %s in %.2f s -> %s%n", o.name(), o.version(), data.splitId(), o.fitSeconds(),
                o.entry().path("path").asText());
        int k = common.evaluation(ks).ks()[common.evaluation(ks).ks().length > 1 ? 1 : 0];
        System.out.print(Leaderboard.format(List.of(new Leaderboard.Entry(o.name() + " " + o.version(), o.metrics(),
                o.fitSeconds())), k));
        return 0;
    }

    /** Parameters from the config's models section, then command-line overrides. */
    static ParamMap paramsFor(CommonOptions common, Recommender family, Map<String, String> overrides) {
        Map<String, String> raw = new LinkedHashMap<>(common.config().models.getOrDefault(family.name(), Map.of()));
        raw.putAll(overrides);
        return family.params(withEvaluationRelevance(common, family, raw));
    }

    /**
     * A family that evaluates while it fits (it declares the {@link Relevance#PARAM} parameter, as the hybrids do) counts
     * as relevant what the evaluation does, unless its own relevance is set.
     */
    static Map<String, String> withEvaluationRelevance(CommonOptions common, Recommender family, Map<String, String> raw) {
        boolean declares = family.params().stream().anyMatch(p -> p.name().equals(Relevance.PARAM));
        if (declares && !raw.containsKey(Relevance.PARAM)) {
            Map<String, String> out = new LinkedHashMap<>(raw);
            out.put(Relevance.PARAM, common.config().evaluation.relevance);
            return out;
        }
        return raw;
    }

    /** Completion candidates for --model. */
    static final class ModelNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ModelCatalog.names().iterator();
        }
    }
}
