package animerec.cli;

import animerec.cli.options.CommonOptions;
import animerec.app.AppContext;
import animerec.app.pipeline.PipelineRequest;
import animerec.app.pipeline.PipelineService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"Run the whole job as one resumable command.",
            "The config's section `pipeline` (see conf/pipeline.yaml) says what runs. " + PipelineCommand.STEPS,
            "Each step is keyed by a fingerprint of its inputs and settings: an unchanged step that finished is "
                + "skipped, so a failed run is resumed by running it again. One JSON line per step. A lock on the "
                + "pipeline root refuses a second concurrent run."})
final class PipelineCommand implements Callable<Integer> {
    /** The step names, as animerec.app.pipeline.PipelinePlan names them (HelpTest plans every kind and checks). */
    static final String STEPS = "Steps, in order: data, split, features, train:MODEL, tune:MODEL, report. data generates "
            + "or ingests (pipeline.data); features builds pipeline.features, when any; train:MODEL fits, registers "
            + "and evaluates each of pipeline.train, then each of pipeline.hybrids; tune:MODEL runs each study of "
            + "pipeline.tune on the split's validation carve-out; report gathers the metrics and the studies' best values.";

    @Mixin
    CommonOptions common;

    @Option(names = "--resume", description = "continue after a failure (the same as a plain run: finished steps are skipped)")
    boolean resume;

    @Option(names = "--from", paramLabel = "STEP", description = "run STEP (e.g. split or train:als) and everything after it again, even if unchanged")
    String from;

    @Option(names = "--only", paramLabel = "STEP", description = "consider only STEP, skipped when unchanged as in a full run "
            + "(its inputs must have run); with --from STEP it runs again. One scheduler task per step uses this.")
    String only;

    @Option(names = "--root", paramLabel = "DIR", description = "pipeline root: step outputs, state.json, report.json and "
            + "the lock; local, file:, hdfs: or s3a: (default: pipeline.root)")
    String root;

    @Override
    public Integer call() throws Exception {
        AppContext ctx = root == null ? common.context()
                : common.context().withConfig(common.config().with(java.util.Map.of("pipeline.root", root)));
        PipelineService.run(ctx, PipelineRequest.of(ctx, from, only));
        return 0;
    }
}
