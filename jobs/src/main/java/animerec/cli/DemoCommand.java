package animerec.cli;

import animerec.data.generate.SampleDatasetWriter;
import animerec.data.generate.SampleSpec;
import animerec.eval.Experiment;
import animerec.eval.Leaderboard;
import animerec.eval.ModelEvaluation;
import animerec.catalog.ModelCatalog;
import animerec.model.Recommender;
import animerec.split.SplitData;
import animerec.util.HadoopFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The main job on the built-in sample: generate the sample data, split it, train every model,",
            "evaluate at K=5,10,20 and print the leaderboard. Writes DATA/sample, DATA/sample-split,",
            "the registry (paths.artifacts) and the experiment records (paths.experiments)."})
final class DemoCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the sample goes (default: ${DEFAULT-VALUE})")
    String dataDir = "data";

    @Option(names = "--users", description = "sample users (default: ${DEFAULT-VALUE})")
    int users = SampleSpec.defaults().users();

    @Option(names = "--items", description = "sample items (default: ${DEFAULT-VALUE})")
    int items = SampleSpec.defaults().items();

    @Option(names = "--interactions", description = "sample interactions (default: ${DEFAULT-VALUE})")
    long interactions = SampleSpec.defaults().interactions();

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        SparkSession spark = common.spark("animerec demo");
        long seed = common.config().seed;
        String sample = HadoopFiles.child(dataDir, "sample");
        String splitDir = HadoopFiles.child(dataDir, "sample-split");
        SampleSpec spec = new SampleSpec(users, items, interactions, seed, SampleSpec.defaults().unratedShare(),
                SampleSpec.defaults().factors());
        System.out.printf("[1/4] generate %s: %,d users, %,d items, ~%,d interactions, seed %d%n",
                sample, users, items, interactions, seed);
        SampleDatasetWriter.write(spark, spec, sample);
        System.out.printf("[2/4] split -> %s%n", splitDir);
        SplitData split = SplitCommand.SplitJob.run(spark, common, sample, null, null, null, null, null, splitDir);
        System.out.printf("      %s: train %,d, test %,d rows%n", split.splitId(),
                split.manifest().path("rows").path("train").asLong(), split.manifest().path("rows").path("test").asLong());
        ModelEvaluation.Settings settings = common.evaluation(new int[] {5, 10, 20});
        List<Leaderboard.Entry> board = new ArrayList<>();
        List<Recommender> families = ModelCatalog.all();
        int i = 0;
        for (Recommender family : families) {
            i++;
            System.out.printf("[3/4] train + evaluate %s (%d/%d)%n", family.name(), i, families.size());
            Experiment.Outcome o = Experiment.run(family, TrainCommand.paramsFor(common, family, java.util.Map.of()),
                    split, splitDir, seed, settings, common.registry(spark), common.experimentLog(spark),
                    common.configJson());
            board.add(new Leaderboard.Entry(o.name() + " " + o.version(), o.metrics(), o.fitSeconds()));
        }
        System.out.println("[4/4] leaderboard (K=10; metrics at K=5,10,20 in " + common.config().paths.experiments
                + "/metrics, models in " + common.config().paths.artifacts + ")");
        System.out.print(Leaderboard.format(board, 10));
        System.out.printf("demo finished in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
