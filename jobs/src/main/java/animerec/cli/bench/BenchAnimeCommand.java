package animerec.cli.bench;

import animerec.bench.AnimeBenchmarkRun;
import animerec.cli.options.CommonOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench-anime", mixinStandardHelpOptions = true,
        description = {"Benchmark every model on real anime ratings (SHARED/anime-kaggle-5k).",
            "Each model with its default parameters, on one seeded per-user 75/25 random split with a 20% validation "
                + "carve-out of train, K=10, relevance = every held-out interaction and held-out ratings >= 8, "
                + "candidates = train items minus the user's own.",
            "--peers DIR adds the peers bundle's systems, each tuned by a small grid on validation."})
public final class BenchAnimeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    BenchOptions options;

    @Option(names = "--peers", paramLabel = "DIR", description = "the peers bundle (with bin/peer-bench): add its rows")
    String peers;

    @Option(names = "--peer-models", split = ",", description = "which peers (default: ease, als, bm25, warp)")
    List<String> peerModels;

    @Option(names = "--validation", description = "fit on the validation carve-out's train and score its held-out 20% "
            + "(for choosing settings); the test set is not read for metrics, and no peers run")
    boolean validation;

    @Override
    public Integer call() throws Exception {
        new AnimeBenchmarkRun(options.shared(), options.models(null), peers, peerModels, options.work(), options.out(),
                validation).run(common.context());
        return 0;
    }
}
