package animerec.hybrid;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import animerec.data.Columns;
import animerec.eval.Relevance;
import animerec.model.DataTooLarge;
import animerec.model.FamilyLookup;
import animerec.model.FitCache;
import animerec.model.Param;
import animerec.model.FamilyTraits;
import animerec.model.ParamMap;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import animerec.spark.Caching;
import animerec.split.SplitStrategy;
import animerec.split.Splitter;
import animerec.util.Progress;
import animerec.util.UserError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code hybrid-weighted}, {@code hybrid-rrf}, {@code hybrid-borda}: blends registered component models. Fitting
 * carves a seeded validation split out of the training interactions, fits the components on the rest, learns
 * one weight per component on the carve-out ({@link WeightSearch}), then fits the components on all the
 * training data and keeps the learned weights. The test set is never seen. With {@code weights} given, the
 * search is skipped.
 *
 * <p>Component fits go through the caller's {@link FitCache} ({@link TrainingData#fits()}), keyed by the training
 * Dataset object, component and seed, so a benchmark of all three strategies on one split fits each component twice,
 * not six times. Components are found through the {@link FamilyLookup} the catalog gives; what a component is
 * (collaborative, needs items, itself a hybrid) is its own {@link FamilyTraits}.
 */
public final class HybridRecommender implements animerec.model.serving.Servable {
    static final Param<String> COMPONENTS = Param.stringParam("components",
            "component models, joined with '+' (default parameters each; one that refuses the data as too large is left out)",
            "ease+als+warp+item-knn+popularity+genre");
    static final Param<Integer> CANDIDATES = Param.intParam("candidates", "top-N taken from each component", 100, 1, 100_000);
    static final Param<String> NORMALISATION = Param.choiceParam("normalisation",
            "per-user score normalisation of the weighted blend", "minmax", List.of("minmax", "zscore", "rank"));
    static final Param<Double> RRF_K = Param.doubleParam("rrf_k", "the k of reciprocal-rank fusion", 60, 0, 1e9);
    static final Param<String> WEIGHTS = Param.stringParam("weights",
            "fixed weights name=w,... in component order (empty = learn them on validation)", "");
    static final Param<Double> VALIDATION_RATIO = Param.doubleParam("validation_ratio",
            "share of each user's training interactions held out to learn the weights", 0.2, 0.01, 0.9);
    static final Param<Integer> COLD_THRESHOLD = Param.intParam("cold_threshold",
            "users with fewer training interactions have collaborative weights scaled by n / this (0 = off)", 5, 0, 1_000_000);
    static final Param<Integer> SEARCH_K = Param.intParam("search_k", "the K of the validation NDCG@K objective", 10, 1, 1000);
    /** Which carve-out interactions the weight search counts as relevant; train, pipeline and tune pass evaluation.relevance. */
    static final Param<String> RELEVANCE = Param.stringParam(Relevance.PARAM,
            "carve-out interactions relevant to the weight search: all or rating>=X (default: evaluation.relevance)", "all");

    private final BlendStrategy strategy;
    private final FamilyLookup families;

    public HybridRecommender(BlendStrategy strategy, FamilyLookup families) {
        this.strategy = strategy;
        this.families = families;
    }

    @Override
    public String name() {
        return "hybrid-" + strategy.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public FamilyTraits traits() {
        return FamilyTraits.COMPOSITE;
    }

    @Override
    public String description() {
        return switch (strategy) {
            case WEIGHTED -> "weighted blend of normalised component scores, weights learned on validation";
            case RRF -> "reciprocal-rank fusion of component lists, weights learned on validation";
            case BORDA -> "Borda count over component lists, weights learned on validation";
        };
    }

    @Override
    public List<Param<?>> params() {
        return List.of(COMPONENTS, CANDIDATES, NORMALISATION, RRF_K, WEIGHTS, VALIDATION_RATIO, COLD_THRESHOLD, SEARCH_K, RELEVANCE);
    }

    static List<String> components(FamilyLookup families, ParamMap p, boolean hasItems) {
        List<String> names = new ArrayList<>();
        for (String s : p.get(COMPONENTS).split("\\+")) {
            String name = s.trim();
            if (name.isEmpty()) {
                continue;
            }
            FamilyTraits traits = families.family(name).traits(); // validates the name
            if (traits.composite()) {
                throw new UserError("hybrid: a component cannot itself be a hybrid ('" + name + "')");
            }
            if (traits.needsItems() && !hasItems) {
                continue; // content components need the items table
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw new UserError("hybrid: no usable components in '" + p.get(COMPONENTS) + "'");
        }
        return names;
    }

    static Blender blender(FamilyLookup families, BlendStrategy strategy, ParamMap p, List<String> names) {
        return new Blender(strategy, p.get(CANDIDATES), p.get(RRF_K), collaborative(families, names), p.get(COLD_THRESHOLD));
    }

    /** For each component, whether it uses a collaborative signal (its weight is scaled down for cold users). */
    static boolean[] collaborative(FamilyLookup families, List<String> names) {
        boolean[] collaborative = new boolean[names.size()];
        for (int c = 0; c < names.size(); c++) {
            collaborative[c] = families.family(names.get(c)).traits().collaborative();
        }
        return collaborative;
    }

    static BlendStrategy.Normalisation normalisation(ParamMap p) {
        return BlendStrategy.Normalisation.valueOf(p.get(NORMALISATION).toUpperCase(Locale.ROOT));
    }

    static double[] fixedWeights(ParamMap p, List<String> names) {
        String spec = p.get(WEIGHTS);
        if (spec.isBlank()) {
            return null;
        }
        double[] w = new double[names.size()];
        for (String kv : spec.split(",")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new UserError("hybrid: weights '" + spec + "': expected name=weight,...");
            }
            int c = names.indexOf(kv.substring(0, eq).trim());
            if (c < 0) {
                throw new UserError("hybrid: weights name '" + kv.substring(0, eq).trim() + "' is not a component " + names);
            }
            try {
                w[c] = Double.parseDouble(kv.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new UserError("hybrid: weight '" + kv + "' is not a number");
            }
        }
        return w;
    }

    @Override
    public RecommenderModel fit(TrainingData data, ParamMap p, long seed) {
        List<String> names = components(families, p, data.hasItems());
        BlendStrategy.Normalisation norm = normalisation(p);
        int n = p.get(CANDIDATES);
        LinkedHashMap<String, Object> report = new LinkedHashMap<>();
        double[] weights = fixedWeights(p, names);
        Relevance relevance = Relevance.parse(p.get(RELEVANCE)); // checked even when the weights are fixed
        if (weights == null) {
            Progress.Step step = Progress.step("  " + name() + ": components on the validation carve-out");
            Splitter.Split carve = carve(data, p.get(VALIDATION_RATIO), seed);
            TrainingData vData = data.withInteractions(carve.train());
            Fitted v = fitUsable(families, names, vData, seed);
            step.done(String.join(", ", v.names()));
            step = Progress.step("  " + name() + ": weight search");
            names = v.names();
            Blender blender = blender(families, strategy, p, names);
            Dataset<Row> vUsers = carve.test().select(Columns.USER).distinct();
            JavaRDD<UserCandidates> cands = Candidates.build(v.models(), vUsers, carve.train().select(Columns.USER, Columns.ITEM), n,
                    norm, activity(carve.train()), relevance.relevant(carve.test()).select(Columns.USER, Columns.ITEM))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            WeightSearch.Result r = WeightSearch.search(cands, blender, names.size(), p.get(SEARCH_K), 3);
            List<double[]> singleScores = WeightSearch.evaluateOwnLists(cands, names.size(), p.get(SEARCH_K));
            cands.unpersist();
            step.done(r.evaluations() + " weightings scored");
            weights = r.weights();
            LinkedHashMap<String, Object> validation = new LinkedHashMap<>();
            validation.put("ratio", p.get(VALIDATION_RATIO));
            validation.put("relevance", relevance.label());
            validation.put("ndcg", r.ndcg());
            validation.put("map", r.map());
            validation.put("evaluations", r.evaluations());
            LinkedHashMap<String, Double> each = new LinkedHashMap<>();
            for (int c = 0; c < names.size(); c++) {
                each.put(names.get(c), singleScores.get(c)[0]);
            }
            validation.put("component_ndcg", each);
            report.put("validation", validation);
        }
        Progress.Step step = Progress.step("  " + name() + ": components on all of train");
        Fitted all = fitUsable(families, names, data, seed);
        step.done();
        weights = keep(weights, names, all.names());
        names = all.names();
        report.put("components", names);
        LinkedHashMap<String, Double> named = new LinkedHashMap<>();
        for (int c = 0; c < names.size(); c++) {
            named.put(names.get(c), weights[c]);
        }
        report.put("weights", named);
        return new HybridModel(name(), p, strategy, norm, blender(families, strategy, p, names), names, all.models(), weights,
                Caching.persist(activity(data.interactions())), report); // the hybrids share it
    }

    /** The components that agreed to fit the data, in order, and their models. */
    record Fitted(List<String> names, List<RecommenderModel> models) {
    }

    /**
     * Fits each component with its default parameters, through the data's {@link FitCache}; a component that refuses the data as too large for it
     * ({@link DataTooLarge}) is left out with a line saying why. When none is left, the first refusal stands.
     */
    static Fitted fitUsable(FamilyLookup families, List<String> names, TrainingData data, long seed) {
        List<String> kept = new ArrayList<>();
        List<RecommenderModel> models = new ArrayList<>();
        DataTooLarge first = null;
        for (String name : names) {
            try {
                Recommender family = families.family(name);
                models.add(data.fits().get(data.interactions(), FitCache.fitKey(name, seed, data),
                        () -> family.fit(data, family.params(Map.of()), seed)));
                kept.add(name);
            } catch (DataTooLarge e) {
                Progress.line("hybrid: leaving out %s: %s", name, e.getMessage());
                first = first == null ? e : first;
            }
        }
        if (kept.isEmpty()) {
            throw first;
        }
        return new Fitted(kept, models);
    }

    /** The weights of {@code kept}, a subsequence of {@code names}. */
    static double[] keep(double[] weights, List<String> names, List<String> kept) {
        double[] out = new double[kept.size()];
        for (int c = 0; c < kept.size(); c++) {
            out[c] = weights[names.indexOf(kept.get(c))];
        }
        return out;
    }

    static Dataset<Row> activity(Dataset<Row> interactions) {
        return interactions.groupBy(Columns.USER).agg(count(lit(1)).as("n"));
    }

    /** The seeded random carve-out of the data's interactions, persisted, through the data's {@link FitCache}. */
    static Splitter.Split carve(TrainingData data, double ratio, long seed) {
        return data.fits().get(data.interactions(), "carve/" + ratio + "/" + seed, () -> {
            Splitter.Split s = Splitter.split(data.interactions(), SplitStrategy.RANDOM, ratio, seed);
            return new Splitter.Split(Caching.persist(s.train()), Caching.persist(s.test())); // each hybrid carves the same
        });
    }

    @Override
    public RecommenderModel load(SparkSession spark, String path, ParamMap params) {
        return HybridModel.load(families, name(), spark, path, params, strategy);
    }

    @Override
    public animerec.model.serving.ServingModel serving(animerec.model.serving.SavedModel saved, ParamMap params) {
        return HybridModel.serving(families, name(), strategy, saved, params);
    }
}
