package animerec.app;

import animerec.catalog.ModelCatalog;
import animerec.data.generate.SampleSpec;
import animerec.model.Recommender;
import animerec.util.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The main job on the built-in sample: the sample's size, where its data goes, and the models it trains (each with
 * parameters of its own, when the demo gives some).
 */
public record DemoRequest(String dataDir, SampleSpec spec, List<DemoModel> models) {
    /**
     * The representative set a first run trains in about a minute: the popularity baseline, a factor model, a
     * neighbourhood model, a ranking-loss model and one hybrid: reciprocal-rank fusion of the three personalised ones,
     * unweighted as RRF was proposed (the fits are shared, so it costs its blend only; {@code --all} runs the
     * hybrids that learn their weights on a validation carve-out).
     */
    public static final List<String> QUICK = List.of("popularity", "als", "item-knn", "warp", "hybrid-rrf");
    /** The quick set's hybrid blends the four models the quick set trains. */
    static final Map<String, Map<String, String>> QUICK_PARAMS =
            Map.of("hybrid-rrf", Map.of("components", "als+item-knn+warp", "weights", "als=1,item-knn=1,warp=1"));

    /** One model of the demo and the parameters it gets beyond the configuration's. */
    public record DemoModel(Recommender family, Map<String, String> params) {
    }

    /**
     * @param models the models asked for by name (null: the quick set, or every family with {@code all})
     */
    public static DemoRequest of(AppContext ctx, String dataDir, SampleSpec spec, List<String> models, boolean all) {
        try {
            spec.validate();
        } catch (IllegalArgumentException e) {
            throw new UserError("demo: " + e.getMessage());
        }
        if (all && models != null) {
            throw new UserError("demo: give --all or --models, not both");
        }
        List<DemoModel> chosen = new ArrayList<>();
        if (all) {
            ModelCatalog.all().forEach(f -> chosen.add(new DemoModel(f, Map.of())));
        } else if (models == null) {
            QUICK.forEach(n -> chosen.add(new DemoModel(ModelCatalog.get(n), QUICK_PARAMS.getOrDefault(n, Map.of()))));
        } else {
            for (String n : models) {
                chosen.add(new DemoModel(ModelCatalog.get(n.trim()), Map.of()));
            }
        }
        for (DemoModel m : chosen) {
            ModelParams.of(ctx.config(), m.family(), m.params()); // a bad parameter is refused before Spark
        }
        Inputs files = new Inputs(ctx);
        files.writableRoot(dataDir, "--data-dir");
        files.writableRoot(ctx.config().paths.artifacts, "--artifacts");
        files.writableRoot(ctx.config().paths.experiments, "--experiments");
        return new DemoRequest(dataDir, spec, List.copyOf(chosen));
    }
}
