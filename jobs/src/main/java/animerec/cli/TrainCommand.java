package animerec.cli;

import animerec.cli.options.CommonOptions;
import animerec.app.Experiment;
import animerec.app.Leaderboard;
import animerec.app.TrainRequest;
import animerec.app.TrainService;
import animerec.catalog.ModelCatalog;
import animerec.util.HadoopFiles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Fit a model on a split's train set, register it and evaluate it.",
            "The fit is saved as a new version in the registry, evaluated on the split's test set, and its metrics "
                + "are recorded in the registry and the experiment records."})
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
        TrainRequest request = TrainRequest.of(common.context(), model, params, split, ks);
        TrainService.Trained t = TrainService.run(common.context(), request);
        Experiment.Outcome o = t.outcome();
        System.out.printf("trained %s %s on %s in %.2f s -> %s%n", o.name(), o.version(), t.splitId(), o.fitSeconds(),
                HadoopFiles.child(common.config().paths.artifacts, o.entry().path("path").asText()));
        int[] cutOffs = request.evaluation().ks();
        System.out.print(Leaderboard.format(List.of(new Leaderboard.Entry(o.name() + " " + o.version(), o.metrics(),
                o.fitSeconds())), cutOffs[cutOffs.length > 1 ? 1 : 0]));
        return 0;
    }

    /** Completion candidates for --model. */
    static final class ModelNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ModelCatalog.names().iterator();
        }
    }
}
