package animerec.cli.bench;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options the dataset benchmarks share (a picocli mixin): the shared data folder, the models, the work folder and
 * the results file. The work folder and results file default to {@code work/<command>} and
 * {@code results/<command>.json}.
 */
public final class BenchOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--shared", paramLabel = "DIR", description = "the shared data folder (default: ${DEFAULT-VALUE})")
    String shared = "../shared/data";

    @Option(names = "--models", split = ",", paramLabel = "NAME[:KEY=VALUE;...]",
            description = "models to run, each optionally with parameters, e.g. knn:sim=cosine (default: every model "
                    + "with its defaults, unless the command says otherwise)")
    List<String> models;

    @Option(names = "--work", paramLabel = "DIR", description = "data, split, registry and records (default: work/<command>)")
    String work;

    @Option(names = "--out", paramLabel = "FILE", description = "results JSON (default: results/<command>.json)")
    String out;

    String shared() {
        return shared;
    }

    /** The models asked for, or {@code defaults} (null: every registered model) when none was. */
    List<String> models(List<String> defaults) {
        return models != null ? models : defaults;
    }

    String work() {
        return work != null ? work : "work/" + command.name();
    }

    String out() {
        return out != null ? out : "results/" + command.name() + ".json";
    }
}
