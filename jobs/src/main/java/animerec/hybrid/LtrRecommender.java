package animerec.hybrid;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import animerec.data.Columns;
import animerec.eval.Relevance;
import animerec.model.DataTooLarge;
import animerec.model.Param;
import animerec.model.FamilyLookup;
import animerec.model.FamilyTraits;
import animerec.model.ParamMap;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import animerec.spark.Caching;
import animerec.split.Splitter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code hybrid-ltr}: a learned second stage over the components' candidate lists. Fitting carves a seeded
 * validation split out of the training interactions (the same carve-out as the other hybrids), fits the
 * components on the rest and gathers every carve-out user's candidates (the union of the components' top-N).
 * Each candidate becomes one row of {@link LtrFeatures}, labelled 1 when it is among the user's held-out items;
 * Spark MLlib's gradient-boosted trees learn P(held out | features) on 80% of those users (negatives sampled
 * down to {@code max_rows} rows), and the other 20% measure the ranking against each component's own list and
 * against a weighted blend whose weights are searched on the same 80% ({@link WeightSearch}); the better of the
 * two on those held-out users ranks (a validation-only choice).
 * The components are then fitted on all the training data and the trees rank their candidates. The test set
 * is never seen.
 */
public final class LtrRecommender implements Recommender {
    private final FamilyLookup families;

    /** Components are found through {@code families}. */
    public LtrRecommender(FamilyLookup families) {
        this.families = families;
    }

    static final Param<String> COMPONENTS = Param.stringParam("components",
            "component models, joined with '+' (default parameters each)", "ease+als+item-knn+warp+popularity+genre");
    static final Param<Integer> CANDIDATES = Param.intParam("candidates", "top-N taken from each component", 100, 1, 100_000);
    static final Param<Double> VALIDATION_RATIO = Param.doubleParam("validation_ratio",
            "share of each user's training interactions held out to learn the ranker", 0.2, 0.01, 0.9);
    static final Param<Integer> TREES = Param.intParam("trees", "boosting iterations of the ranker", 60, 1, 10_000);
    static final Param<Integer> DEPTH = Param.intParam("depth", "depth of each tree", 5, 1, 30);
    static final Param<Double> STEP = Param.doubleParam("step", "learning rate of the boosting", 0.1, 1e-6, 1);
    static final Param<Integer> MAX_ROWS = Param.intParam("max_rows",
            "training rows of the ranker: every positive, negatives sampled down to this total", 400_000, 1_000, 100_000_000);
    static final Param<String> RANKING = Param.choiceParam("ranking",
            "what ranks the candidates: auto (the better of trees and blend on held-out validation users), trees, blend",
            "auto", List.of("auto", "trees", "blend"));
    static final Param<Integer> SEARCH_K = Param.intParam("search_k", "the K of the held-out validation NDCG@K report", 10, 1, 1000);
    static final Param<String> RELEVANCE = Param.stringParam(Relevance.PARAM,
            "carve-out interactions the ranker learns as positives: all or rating>=X (default: evaluation.relevance)", "all");

    @Override
    public String name() {
        return "hybrid-ltr";
    }

    @Override
    public FamilyTraits traits() {
        return FamilyTraits.COMPOSITE;
    }

    @Override
    public String description() {
        return "learned second stage: gradient-boosted trees rank the components' candidates, trained on validation";
    }

    @Override
    public List<Param<?>> params() {
        return List.of(COMPONENTS, CANDIDATES, VALIDATION_RATIO, TREES, DEPTH, STEP, MAX_ROWS, RANKING, SEARCH_K, RELEVANCE);
    }

    @Override
    public RecommenderModel fit(TrainingData data, ParamMap p, long seed) {
        List<String> names = HybridRecommender.components(families, p, data.hasItems());
        int n = p.get(CANDIDATES);
        Relevance relevance = Relevance.parse(p.get(RELEVANCE));
        LinkedHashMap<String, Object> report = new LinkedHashMap<>();

        long t0 = System.nanoTime();
        Splitter.Split carve = HybridRecommender.carve(data, p.get(VALIDATION_RATIO), seed);
        TrainingData vData = data.withInteractions(carve.train());
        HybridRecommender.Fitted v = HybridRecommender.fitUsable(families, names, vData, seed);
        names = v.names();
        report.put("components", names);
        List<RecommenderModel> vModels = v.models();
        Dataset<Row> vUsers = carve.test().select(Columns.USER).distinct();
        Dataset<Row> vCounts = itemCounts(carve.train());
        LtrFeatures vFeatures = new LtrFeatures(names.size(), carve.train().select(Columns.USER).distinct().count());
        JavaRDD<UserCandidates> cands = Candidates.build(vModels, vUsers, carve.train().select(Columns.USER, Columns.ITEM), n,
                BlendStrategy.Normalisation.MINMAX, HybridRecommender.activity(carve.train()),
                relevance.relevant(carve.test()).select(Columns.USER, Columns.ITEM), vCounts)
                .filter(u -> u.relevant != null && u.relevant.length > 0)
                .persist(StorageLevel.MEMORY_AND_DISK());
        long salt = seed;
        JavaRDD<UserCandidates> learn = cands.filter(u -> !heldOut(u.user, salt));
        JavaRDD<UserCandidates> held = cands.filter(u -> heldOut(u.user, salt));

        long[] counts = learn.map(u -> {
            long pos = 0;
            for (long item : u.items) {
                if (java.util.Arrays.binarySearch(u.relevant, item) >= 0) {
                    pos++;
                }
            }
            return new long[] {pos, u.items.length - pos};
        }).fold(new long[2], (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
        long maxRows = p.get(MAX_ROWS);
        double keep = counts[1] == 0 ? 1.0 : Math.min(1.0, Math.max(0, maxRows - counts[0]) / (double) counts[1]);
        StructType schema = new StructType().add("label", DataTypes.DoubleType, false).add("features", SQLDataTypes.VectorType(), false);
        JavaRDD<Row> rows = learn.flatMap(u -> {
            List<Row> out = new ArrayList<>();
            double[][] f = vFeatures.of(u);
            for (int j = 0; j < u.items.length; j++) {
                boolean positive = java.util.Arrays.binarySearch(u.relevant, u.items[j]) >= 0;
                if (positive || unit(u.user, u.items[j], salt) < keep) {
                    out.add(RowFactory.create(positive ? 1.0 : 0.0, Vectors.dense(f[j])));
                }
            }
            return out.iterator();
        });
        SparkSession spark = data.interactions().sparkSession();
        Dataset<Row> train = spark.createDataFrame(rows, schema).persist(StorageLevel.MEMORY_AND_DISK());
        long trainRows = train.count();
        long t1 = System.nanoTime();
        GBTClassificationModel gbt = new GBTClassifier().setMaxIter(p.get(TREES)).setMaxDepth(p.get(DEPTH))
                .setStepSize(p.get(STEP)).setSeed(seed).setFeatureSubsetStrategy("all").fit(train);
        train.unpersist();
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "hybrid-ltr: %,d ranker rows (%,d positive, negatives kept %.3f) gathered in %.1f s; "
                        + "%d trees of depth %d in %.1f s%n", trainRows, counts[0], keep, (t1 - t0) / 1e9, p.get(TREES),
                p.get(DEPTH), (t2 - t1) / 1e9);
        // broadcast: the trees are about 1 MB serialized, too big to travel inside every task (Spark warns)
        Broadcast<LtrRanker> vRanker = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(new LtrRanker(gbt, vFeatures));

        int k = p.get(SEARCH_K);
        Blender blender = blender(families, names, n);
        WeightSearch.Result blend = WeightSearch.search(learn, blender, names.size(), k, 3);
        double[] w = blend.weights();
        List<WeightSearch.Ranking> rankings = new ArrayList<>();
        rankings.add((u, m) -> vRanker.value().top(u, m));
        rankings.add((u, m) -> blender.top(u, w, m));
        for (int c = 0; c < names.size(); c++) {
            int component = c;
            rankings.add((u, m) -> u.ownTop(component, m));
        }
        List<double[]> scores = WeightSearch.evaluate(held, rankings, k);
        vRanker.destroy();
        cands.unpersist();
        LinkedHashMap<String, Object> validation = new LinkedHashMap<>();
        validation.put("ratio", p.get(VALIDATION_RATIO));
        validation.put("relevance", relevance.label());
        validation.put("ranker_rows", trainRows);
        validation.put("ranker_positives", counts[0]);
        validation.put("held_out_users_share", 0.2);
        validation.put("ndcg", scores.get(0)[0]);
        validation.put("map", scores.get(0)[1]);
        validation.put("blend_ndcg", scores.get(1)[0]);
        validation.put("blend_map", scores.get(1)[1]);
        LinkedHashMap<String, Double> blendWeights = new LinkedHashMap<>();
        LinkedHashMap<String, Double> each = new LinkedHashMap<>();
        for (int c = 0; c < names.size(); c++) {
            each.put(names.get(c), scores.get(c + 2)[0]);
            blendWeights.put(names.get(c), w[c]);
        }
        validation.put("blend_weights", blendWeights);
        validation.put("component_ndcg", each);
        report.put("validation", validation);
        LinkedHashMap<String, Double> importance = new LinkedHashMap<>();
        double[] imp = gbt.featureImportances().toArray();
        List<String> featureNames = LtrFeatures.names(names);
        for (int f = 0; f < imp.length; f++) {
            importance.put(featureNames.get(f), imp[f]);
        }
        report.put("feature_importance", importance);
        boolean trees = switch (p.get(RANKING)) {
            case "trees" -> true;
            case "blend" -> false;
            default -> !(scores.get(1)[0] > scores.get(0)[0]);
        };
        report.put("ranking", trees ? "trees" : "blend");
        System.out.printf(Locale.ROOT, "hybrid-ltr: held-out validation NDCG@%d: trees %.4f, weighted blend %.4f %s "
                        + "(components' own lists: %s); ranking by %s%n", k, scores.get(0)[0], scores.get(1)[0], blendWeights,
                each, trees ? "the trees" : "the weighted blend");

        HybridRecommender.Fitted all = HybridRecommender.fitUsable(families, names, data, seed);
        if (!all.names().equals(names)) {
            throw new DataTooLarge("hybrid-ltr: the components " + names + " fitted the validation carve-out but only "
                    + all.names() + " fit all of train; drop the others from components");
        }
        List<RecommenderModel> models = all.models();
        long users = data.interactions().select(Columns.USER).distinct().count();
        LtrRanker ranker = new LtrRanker(gbt, new LtrFeatures(names.size(), users));
        return new LtrModel(p, names, models, trees ? ranker : null, trees ? null : w, blender, n,
                Caching.persist(HybridRecommender.activity(data.interactions())), // shared with the other hybrids
                Caching.persist(itemCounts(data.interactions())), report);
    }

    /** The weighted min-max blend the trees are compared with (collaborative weights scaled down for cold users). */
    static Blender blender(FamilyLookup families, List<String> names, int listLength) {
        return new Blender(BlendStrategy.WEIGHTED, listLength, 60, HybridRecommender.collaborative(families, names), 5);
    }

    static Dataset<Row> itemCounts(Dataset<Row> interactions) {
        return interactions.groupBy(Columns.ITEM).agg(count(lit(1)).as("count")).select(col(Columns.ITEM), col("count"));
    }

    /** One user in five, by a seeded hash, is held out of the ranker's training to measure it. */
    static boolean heldOut(long user, long seed) {
        return Math.floorMod(mix(user * 0x9E3779B97F4A7C15L + seed), 5) == 0;
    }

    /** A seeded uniform number in [0, 1) for a (user, item) pair: the negative sampling. */
    static double unit(long user, long item, long seed) {
        return (mix(mix(user + seed) ^ item) >>> 11) * 0x1.0p-53;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public RecommenderModel load(SparkSession spark, String path, ParamMap params) {
        return LtrModel.load(families, spark, path, params);
    }
}
