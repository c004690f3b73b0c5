package animerec.cli;

import animerec.cli.options.CommonOptions;
import animerec.app.SplitRequest;
import animerec.split.SplitData;
import animerec.split.SplitJob;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "split", mixinStandardHelpOptions = true,
        description = {"Split a dataset's interactions into train and test (and a validation carve-out of train).",
            "Strategies: random (a seeded share of each user's interactions), temporal (each user's latest share), "
                + "leave-one-out (each user's latest one), cold-items (a seeded share of the items, held out with all "
                + "their interactions: item cold start), given (import --train and --test files as they are, e.g. "
                + "ml-100k-split/train.tsv and test.tsv).",
            "A given file's empty rating field means watched, not rated (a null rating); so does the value of "
                + "--unrated-marker (none by default: pass --unrated-marker -1 for Kaggle's anime ratings)."})
final class SplitCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--data", paramLabel = "DIR", description = "dataset folder (not for given)")
    String data;

    @Option(names = "--strategy", description = "random, temporal, leave-one-out, cold-items or given (default: split.strategy)")
    String strategy;

    @Option(names = "--test-ratio", description = "share of each user's interactions held out (cold-items: share of the items; default: split.test_ratio)")
    Double testRatio;

    @Option(names = "--validation-ratio",
            description = "share of each user's train interactions carved out for validation; 0 = none (default: split.validation_ratio)")
    Double validationRatio;

    @Option(names = "--train", paramLabel = "FILE", description = "given: train file (delimited, with a header)")
    String trainFile;

    @Option(names = "--test", paramLabel = "FILE", description = "given: test file (delimited, with a header)")
    String testFile;

    @Option(names = "--sep", description = "given: separator (default: \\t)")
    String sep = "\\t";

    @Option(names = "--unrated-marker", paramLabel = "VALUE",
            description = "given: the rating value that means watched, not rated, stored as a null rating "
                    + "(Kaggle's anime data: -1; default: none, every number is a rating)")
    Double unratedMarker;

    @Option(names = "--items", paramLabel = "DIR",
            description = "given: a dataset folder whose items table is copied into the split (for content models)")
    String items;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "split folder to write")
    String out;

    @Override
    public Integer call() {
        SplitRequest request = SplitRequest.of(common.context(), data, strategy, testRatio, validationRatio, trainFile,
                testFile, sep, unratedMarker, items, out);
        SplitData split = SplitJob.run(common.spark("animerec split"), request.settings(), request.source(), request.out());
        ObjectNode m = (ObjectNode) split.manifest();
        System.out.printf("split %s (%s): train %,d rows, test %,d rows, %,d test users -> %s%n", split.splitId(),
                m.path("strategy").asText(), m.path("rows").path("train").asLong(), m.path("rows").path("test").asLong(),
                m.path("users").path("test").asLong(), out);
        return 0;
    }
}
