package animerec.cli;

import animerec.cli.options.CommonOptions;
import animerec.app.TuneRequest;
import animerec.app.TuneService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "tune", mixinStandardHelpOptions = true,
        description = {"Run a hyperparameter study on a split's validation carve-out.",
            "The carve-out comes from split --validation-ratio. Every trial fits the model on validation/train and "
                + "scores NDCG@K on validation/test (MAP@K breaks ties); test is never read.",
            "Search space: conf/tuning/<model>.yaml. Study files: <experiments>/optuna_studies/<study>/ (journal.jsonl, "
                + "trials.csv, best_params.yaml, study.json). best_params.yaml is a config for `train --config`."})
final class TuneCommand implements Callable<Integer> {
    private static final TuneRequest.Options D = new TuneRequest.Options(); // the defaults

    @Mixin
    CommonOptions common;

    @Option(names = "--model", required = true, description = "model to tune")
    String model;

    @Option(names = "--study", required = true, description = "study name (its folder under optuna_studies/)")
    String study;

    @Option(names = "--split", required = true, paramLabel = "DIR", description = "split with a validation/ carve-out")
    String split;

    @Option(names = "--trials", description = "number of trials (default: ${DEFAULT-VALUE})")
    int trials = D.trials;

    @Option(names = "--sampler", description = "tpe, random or grid (default: ${DEFAULT-VALUE})")
    String sampler = D.sampler;

    @Option(names = "--pruner", description = "median or none; svd, warp and bpr report validation NDCG at --report-epochs "
            + "(other models are never pruned) (default: ${DEFAULT-VALUE})")
    String pruner = D.pruner;

    @Option(names = "--report-epochs", split = ",", description = "epochs after which svd, warp and bpr report to the pruner (default: 5,10,20,40)")
    List<Integer> reportEpochs = D.reportEpochs;

    @Option(names = "--pruner-startup-trials", description = "median pruner: completed trials before pruning (default: ${DEFAULT-VALUE})")
    int prunerStartup = D.prunerStartup;

    @Option(names = "--pruner-warmup-steps", description = "median pruner: never prune at or before this epoch (default: ${DEFAULT-VALUE})")
    int prunerWarmup = D.prunerWarmup;

    @Option(names = "--resume", description = "continue the study from its journal")
    boolean resume;

    @Option(names = "--timeout", paramLabel = "S", description = "start no new trial after S seconds (0 = none)")
    double timeout = D.timeout;

    @Option(names = "--parallel", description = "concurrent trials, each in its own FAIR scheduler pool; random and grid "
            + "samplers only, without pruning (default: ${DEFAULT-VALUE})")
    int parallel = D.parallel;

    @Option(names = "--space", paramLabel = "FILE", description = "search space YAML (default: conf/tuning/<model>.yaml)")
    String space;

    @Option(names = "--k", description = "the K of the objective NDCG@K (default: ${DEFAULT-VALUE})")
    int k = D.k;

    @Option(names = "--startup-trials", description = "TPE: random trials first (default: ${DEFAULT-VALUE})")
    int startup = D.startup;

    @Option(names = "--ei-candidates", description = "TPE: candidates drawn per parameter (default: ${DEFAULT-VALUE})")
    int candidates = D.candidates;

    @Option(names = "--sampler-seed", description = "seed of the sampler only (default: the config seed, which also "
            + "seeds every model fit)")
    Long samplerSeed;

    @Option(names = "--folds", description = "validation carve-outs the objective averages over: the split's own, then "
            + "F-1 more drawn from train with its validation ratio and strategy and seeds seed+2, seed+3, ... (repeated "
            + "hold-out; default: ${DEFAULT-VALUE})")
    int folds = D.folds;

    @Option(names = "--grid-points", description = "grid: values per numeric range (default: ${DEFAULT-VALUE})")
    int gridPoints = D.gridPoints;

    @Option(names = "--enqueue", paramLabel = "PARAMS", description = "run this setting first, before the sampler's trials "
            + "(Optuna's enqueue_trial; repeatable, in order; counted in --trials): 'defaults' for the model's defaults, or "
            + "name=value,name=value,... naming every searched parameter")
    List<String> enqueue = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        TuneRequest.Options o = new TuneRequest.Options();
        o.model = model;
        o.study = study;
        o.split = split;
        o.trials = trials;
        o.sampler = sampler;
        o.pruner = pruner;
        o.reportEpochs = reportEpochs;
        o.prunerStartup = prunerStartup;
        o.prunerWarmup = prunerWarmup;
        o.resume = resume;
        o.timeout = timeout;
        o.parallel = parallel;
        o.space = space;
        o.k = k;
        o.startup = startup;
        o.candidates = candidates;
        o.samplerSeed = samplerSeed;
        o.folds = folds;
        o.gridPoints = gridPoints;
        o.enqueue = enqueue;
        TuneService.run(common.context(), TuneRequest.checked(common.context(), o));
        return 0;
    }
}
