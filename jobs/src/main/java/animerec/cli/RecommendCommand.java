package animerec.cli;

import animerec.cli.options.CommonOptions;
import animerec.app.RecommendRequest;
import animerec.app.RecommendService;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = {"Export top-K recommendations of a registered model as CSV: user_id,item_id,rank,score.",
            "Candidates follow the evaluation harness's rule: the items seen in the model's training data, minus the "
                + "user's own training items (--all-items: every catalogue item the model can rank, minus the user's "
                + "own). Requested users the model was not trained on are named in a note on stderr, with what they get."})
final class RecommendCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "NAME[@VERSION]", description = "registered model")
    String model;

    @Option(names = "--users", paramLabel = "all|ID[,ID...]",
            description = "all users of the training data, or a comma-separated list of user ids")
    String users;

    @Option(names = "--liked", split = ",", paramLabel = "ID[,ID...]",
            description = "cold start: recommend for a new user who likes these items (content models; every "
                    + "catalogue item but the liked ones is a candidate)")
    List<Long> liked;

    @Option(names = "--k", description = "list length (default: ${DEFAULT-VALUE})")
    int k = 10;

    @Option(names = "--explain", description = "hybrid models: print, for every item, the components that listed it "
            + "with their rank and normalised score")
    boolean explain;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "CSV file to write (default: print to the terminal)")
    String out;

    @Option(names = "--all-items", description = "--users: allow every catalogue item the model ranks, also items "
            + "nobody interacted with in training (content models rank them); default: the harness's candidates only")
    boolean allItems;

    @Option(names = "--seen", paramLabel = "PATH",
            description = "interactions to exclude (Parquet; default: the model's training data)")
    String seenPath;

    @Option(names = "--spark", description = "run the export as a Spark job; by default a model that serve can hold "
            + "(als, item-knn, popularity) is exported from memory, without Spark, when the master is local")
    boolean spark;

    @Override
    public Integer call() {
        RecommendService.run(common.context(), RecommendRequest.of(common.context(), model, users, liked, k, explain, out,
                allItems, seenPath, spark));
        return 0;
    }
}
