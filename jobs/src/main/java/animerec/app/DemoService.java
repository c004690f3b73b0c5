package animerec.app;

import animerec.data.generate.SampleDatasetWriter;
import animerec.data.generate.SampleSpec;
import animerec.eval.ModelEvaluation;
import animerec.model.Recommender;
import animerec.split.SplitData;
import animerec.split.SplitJob;
import animerec.split.SplitSettings;
import animerec.util.HadoopFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * Generates the sample, splits it, trains and evaluates the demo's models at K=5,10,20 (a line with each one's fit and
 * evaluation seconds and NDCG@10 as it finishes) and prints the leaderboard.
 */
public final class DemoService {
    private DemoService() {
    }

    public static void run(AppContext ctx, DemoRequest request) {
        long t0 = System.nanoTime();
        SparkSession spark = ctx.spark("animerec demo");
        long seed = ctx.seed();
        SampleSpec spec = request.spec();
        String sample = HadoopFiles.child(request.dataDir(), "sample");
        String splitDir = HadoopFiles.child(request.dataDir(), "sample-split");
        System.out.printf("[1/4] generate %s: %,d users, %,d items, ~%,d interactions, seed %d%n",
                sample, spec.users(), spec.items(), spec.interactions(), seed);
        SampleDatasetWriter.write(spark, spec, sample);
        System.out.printf(Locale.ROOT, "      generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        long s0 = System.nanoTime();
        System.out.printf("[2/4] split -> %s%n", splitDir);
        SplitData split = SplitJob.run(spark, SplitSettings.of(ctx.config()), SplitJob.Source.dataset(sample), splitDir);
        System.out.printf("      %s: train %,d, test %,d rows%n", split.splitId(),
                split.manifest().path("rows").path("train").asLong(), split.manifest().path("rows").path("test").asLong());
        System.out.printf(Locale.ROOT, "      split in %.1f s%n", (System.nanoTime() - s0) / 1e9);
        ModelEvaluation.Settings settings = ctx.evaluation(new int[] {5, 10, 20});
        List<Leaderboard.Entry> board = new ArrayList<>();
        List<DemoRequest.DemoModel> models = request.models();
        int i = 0;
        for (DemoRequest.DemoModel m : models) {
            i++;
            Recommender family = m.family();
            System.out.printf("[3/4] train + evaluate %s (%d/%d)%n", family.name(), i, models.size());
            long m0 = System.nanoTime();
            Experiment.Outcome o = Experiment.run(family, ModelParams.of(ctx.config(), family, m.params()),
                    split, splitDir, seed, settings, ctx.registry(spark), ctx.experimentLog(spark), ctx.configJson());
            double total = (System.nanoTime() - m0) / 1e9;
            // a hybrid later in the list blends this fit instead of refitting it (when its parameters are the defaults)
            split.fits().share(split.trainingData(), family, ModelParams.of(ctx.config(), family, m.params()), seed, o.model());
            System.out.printf(Locale.ROOT, "      %s %s: fit %.1f s, evaluate %.1f s, NDCG@10 %.4f%n", o.name(), o.version(),
                    o.fitSeconds(), total - o.fitSeconds(), o.metrics().getOrDefault("ndcg@10", Double.NaN));
            board.add(new Leaderboard.Entry(o.name() + " " + o.version(), o.metrics(), o.fitSeconds()));
        }
        System.out.println("[4/4] leaderboard (K=10; metrics at K=5,10,20 in " + ctx.config().paths.experiments
                + "/metrics, models in " + ctx.config().paths.artifacts + ")");
        System.out.print(Leaderboard.format(board, 10));
        System.out.printf("demo finished in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
}
