package animerec.app;

import animerec.catalog.ModelCatalog;
import animerec.model.Recommender;
import animerec.tune.EnqueuedSampler;
import animerec.tune.SearchSpace;
import animerec.tune.StudyFiles;
import animerec.util.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A hyperparameter study, checked before Spark starts: its options, the family, the search space and the queued trials. */
public record TuneRequest(Options options, Recommender family, Path spaceFile, SearchSpace space,
                          List<Map<String, String>> queue) {
    /** What `animerec tune` takes, with its defaults. */
    public static final class Options {
        public String model;
        public String study;
        public String split;
        public int trials = 30;
        public String sampler = "tpe";
        public String pruner = "none";
        public List<Integer> reportEpochs = List.of(5, 10, 20, 40);
        public int prunerStartup = 5;
        public int prunerWarmup = 0;
        public boolean resume;
        public double timeout = 0;
        public int parallel = 1;
        /** The search space file (null: conf/tuning/<model>.yaml). */
        public String space;
        public int k = 10;
        public int startup = 10;
        public int candidates = 24;
        /** null: the config seed. */
        public Long samplerSeed;
        public int folds = 1;
        public int gridPoints = 4;
        public List<String> enqueue = new ArrayList<>();
    }

    public static TuneRequest of(AppContext ctx, Options o) {
        if (o.trials < 1) {
            throw new UserError("--trials must be at least 1, got " + o.trials);
        }
        if (!o.pruner.equals("none") && !o.pruner.equals("median")) {
            throw new UserError("--pruner " + o.pruner + ": expected median or none");
        }
        if (o.parallel < 1) {
            throw new UserError("--parallel must be at least 1, got " + o.parallel);
        }
        if (!o.study.matches("[A-Za-z0-9._-]+")) {
            throw new UserError("--study '" + o.study + "': use letters, digits, '.', '_' and '-' only");
        }
        if (o.folds < 1) {
            throw new UserError("--folds must be at least 1, got " + o.folds);
        }
        if (o.folds > 1 && o.pruner.equals("median")) {
            throw new UserError("--folds " + o.folds + " with --pruner median: the pruner follows one carve-out's curve; use one");
        }
        if (o.startup < 1 || o.candidates < 1 || o.gridPoints < 1) {
            throw new UserError("--startup-trials, --ei-candidates and --grid-points must be at least 1");
        }
        Inputs.positive(o.k, "--k");
        if (!List.of("tpe", "random", "grid").contains(o.sampler.toLowerCase(Locale.ROOT))) {
            throw new UserError("--sampler '" + o.sampler + "': expected tpe, random or grid");
        }
        Recommender family = ModelCatalog.get(o.model);
        Path spaceFile = StudyFiles.spaceFile(o.model, o.space);
        SearchSpace searchSpace = StudyFiles.readSpace(spaceFile, family);
        List<Map<String, String>> queue = List.of();
        if (!o.enqueue.isEmpty()) { // checked before Spark starts, so a typo costs nothing
            queue = EnqueuedSampler.parse(o.enqueue, searchSpace, family.params(Map.of()).asStrings());
            if (queue.size() > o.trials) {
                throw new UserError("--enqueue gives " + queue.size() + " settings but --trials is " + o.trials
                        + "; the queued trials count in --trials");
            }
        }
        StudyFiles.studyDir(ctx.config().paths.experiments, o.study); // refuses a non-local experiments path
        return new TuneRequest(o, family, spaceFile, searchSpace, queue);
    }

    /** As {@link #of}, and the split folder must exist (a pipeline's tune step runs after its split step wrote it). */
    public static TuneRequest checked(AppContext ctx, Options o) {
        TuneRequest request = of(ctx, o);
        new Inputs(ctx).split(o.split, "--split");
        return request;
    }
}
