package animerec.cli;

import animerec.app.ReportRequest;
import animerec.app.ReportService;
import animerec.cli.options.CommonOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write one self-contained HTML report (plots, no network at view time) of the experiment records, "
                + "the registry and tuning studies, without Spark.",
            "It shows the leaderboard, metric@K curves, quality against fit time, popularity bias and coverage, quality by "
                + "user activity, hybrids' weights, the data's shape and each study's history and slices."})
final class ReportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--studies", split = ",", paramLabel = "PATH", description = "tuning studies: a study's folder, a "
            + "folder of them, a folder of NAME.study.json files (with NAME.trials.csv), or such files (default: "
            + "the experiments folder's optuna_studies/, where `animerec tune` keeps them)")
    List<String> studies;

    @Option(names = "--split", split = ",", paramLabel = "DIR", description = "split folders whose data to describe, "
            + "besides those the registry names")
    List<String> splits;

    @Option(names = "--out", paramLabel = "FILE.html", description = "the report file (default: report.html)")
    String out = "report.html";

    @Option(names = "--title", description = "the report's title (default: animerec report)")
    String title;

    @Override
    public Integer call() {
        ReportService.run(common.context(), ReportRequest.of(common.context(), studies, splits, out, title));
        return 0;
    }
}
