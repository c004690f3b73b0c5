package animerec.cli;

import animerec.cli.options.CommonOptions;
import animerec.app.EvaluateRequest;
import animerec.app.EvaluateService;
import animerec.app.Leaderboard;
import java.util.List;
import java.util.concurrent.Callable;
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
        EvaluateRequest request = EvaluateRequest.of(common.context(), model, split, ks);
        Leaderboard.Entry row = EvaluateService.run(common.context(), request);
        int[] cutOffs = request.evaluation().ks();
        System.out.print(Leaderboard.format(List.of(row), cutOffs[cutOffs.length > 1 ? 1 : 0]));
        return 0;
    }
}
