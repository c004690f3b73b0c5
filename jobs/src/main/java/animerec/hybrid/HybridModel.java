package animerec.hybrid;

import static animerec.util.ParquetRows.Kind.LONG;

import animerec.data.Columns;
import animerec.model.FamilyLookup;
import animerec.model.ParamMap;
import animerec.model.Recommendations;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.Reporting;
import animerec.model.ExplainedRecommender;
import animerec.model.Explainer;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * A fitted hybrid: its component models, one weight each, and the blend. Recommending asks every component for
 * its top-N, joins the lists per user (distributed), and blends them; {@link #recommendWithSources} also says,
 * for each item, which components listed it, at which rank and with which normalised score.
 */
public final class HybridModel implements Reporting, ExplainedRecommender {
    /** {@link Recommendations#SCHEMA} plus {@code sources}: {@code component#rank(normalised score)}, joined by '; '. */
    public static final StructType WITH_SOURCES = Recommendations.SCHEMA.add("sources", DataTypes.StringType, false);

    private final String family;
    private final ParamMap params;
    private final BlendStrategy strategy;
    private final BlendStrategy.Normalisation normalisation;
    private final Blender blender;
    private final List<String> names;
    private final List<RecommenderModel> components;
    private final double[] weights;
    private final Dataset<Row> activity;
    private final Map<String, Object> report;

    HybridModel(String family, ParamMap params, BlendStrategy strategy, BlendStrategy.Normalisation normalisation,
                Blender blender, List<String> names, List<RecommenderModel> components, double[] weights,
                Dataset<Row> activity, Map<String, Object> report) {
        this.family = family;
        this.params = params;
        this.strategy = strategy;
        this.normalisation = normalisation;
        this.blender = blender;
        this.names = List.copyOf(names);
        this.components = List.copyOf(components);
        this.weights = weights.clone();
        this.activity = activity;
        this.report = report;
    }

    @Override
    public String family() {
        return family;
    }

    @Override
    public ParamMap params() {
        return params;
    }

    public List<String> componentNames() {
        return names;
    }

    public double[] weights() {
        return weights.clone();
    }

    /** What the fit learned: components, weights, validation NDCG/MAP (as JSON). */
    @Override
    public String explanationHeader() {
        return header(family, report());
    }

    @Override
    public JsonNode report() {
        return Json.MAPPER.valueToTree(report);
    }

    @Override
    public Dataset<Row> recommend(Dataset<Row> users, Dataset<Row> seen, int k) {
        return recommendWithSources(users, seen, k).select(Columns.USER, Columns.ITEM, Columns.RANK, Columns.SCORE);
    }

    /** Top-{@code k} with a {@code sources} column naming every component that listed the item. */
    public Dataset<Row> recommendWithSources(Dataset<Row> users, Dataset<Row> seen, int k) {
        JavaRDD<UserCandidates> cands = Candidates.build(components, users, seen, blender.listLength, normalisation, activity, null);
        Blender b = blender;
        double[] w = weights;
        List<String> labels = names;
        JavaRDD<Row> rows = cands.flatMap(u -> {
            double[] s = b.scores(u, w);
            int[] top = b.top(u, w, k);
            List<Row> out = new ArrayList<>(top.length);
            for (int i = 0; i < top.length; i++) {
                int j = top[i];
                StringBuilder src = new StringBuilder();
                for (int c = 0; c < labels.size(); c++) {
                    if (u.rank[c][j] > 0) {
                        if (src.length() > 0) {
                            src.append("; ");
                        }
                        src.append(labels.get(c)).append('#').append(u.rank[c][j])
                                .append(String.format(java.util.Locale.ROOT, "(%.3f)", u.norm[c][j]));
                    }
                }
                out.add(RowFactory.create(u.user, u.items[j], i + 1, s[j], src.toString()));
            }
            return out.iterator();
        });
        return users.sparkSession().createDataFrame(rows, WITH_SOURCES);
    }

    /**
     * {@link #recommendWithSources} plus {@code why}: what the components that can say it tell about each item
     * (item-knn: the user's items it is similar to), joined by ' | '; null when none can.
     */
    @Override
    public Dataset<Row> recommendExplained(Dataset<Row> users, Dataset<Row> seen, int k) {
        Dataset<Row> recs = recommendWithSources(users, seen, k).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> pairs = recs.select(Columns.USER, Columns.ITEM);
        Dataset<Row> why = null;
        for (RecommenderModel c : components) {
            if (c instanceof Explainer e) {
                Dataset<Row> r = e.reasons(pairs, seen);
                why = why == null ? r : why.unionByName(r);
            }
        }
        if (why == null) {
            return recs.withColumn("why", org.apache.spark.sql.functions.lit(null).cast("string"));
        }
        Dataset<Row> joined = why.groupBy(Columns.USER, Columns.ITEM)
                .agg(org.apache.spark.sql.functions.concat_ws(" | ", org.apache.spark.sql.functions.sort_array(
                        org.apache.spark.sql.functions.collect_list("why"))).as("why"));
        return recs.join(joined, new String[] {Columns.USER, Columns.ITEM}, "left")
                .select(Columns.USER, Columns.ITEM, Columns.RANK, Columns.SCORE, "sources", "why");
    }

    /**
     * A saved hybrid in memory: each component read by its own family (each must be {@link
     * animerec.model.serving.Servable}), with the saved weights and activity, blended as {@link #recommend} blends.
     */
    static animerec.model.serving.ServingModel serving(FamilyLookup families, String family, BlendStrategy strategy,
                                                       animerec.model.serving.SavedModel saved, ParamMap params) {
        JsonNode meta = saved.json("hybrid.json");
        List<String> names = new ArrayList<>();
        List<animerec.model.serving.ServingModel> served = new ArrayList<>();
        List<Double> ws = new ArrayList<>();
        for (JsonNode c : meta.path("components")) {
            String name = c.path("name").asText();
            if (!(families.family(name) instanceof animerec.model.serving.Servable s)) {
                throw new animerec.model.serving.Servable.NotServable(family + ": its component " + name
                        + " cannot be served from memory");
            }
            Map<String, String> raw = new LinkedHashMap<>();
            c.path("params").fields().forEachRemaining(e -> raw.put(e.getKey(), e.getValue().asText()));
            names.add(name);
            served.add(s.serving(saved.child(c.path("path").asText()), s.params(raw)));
            ws.add(c.path("weight").asDouble());
        }
        Map<Long, Long> byUser = new java.util.HashMap<>();
        saved.rows("activity", List.of(LONG.of(Columns.USER), LONG.of("n")),
                r -> byUser.put(r.getLong(0), r.getLong(1)));
        return new HybridServing(family, names, served, ws.stream().mapToDouble(Double::doubleValue).toArray(),
                HybridRecommender.blender(families, strategy, params, names), HybridRecommender.normalisation(params), byUser,
                header(family, meta.path("report")));
    }

    /** "hybrid-rrf, weights [...]": the header of every explanation. */
    private static String header(String family, JsonNode report) {
        return family + ", weights " + report.path("weights");
    }

    @Override
    public void save(String path) {
        SparkSession spark = activity.sparkSession();
        ObjectNode meta = Json.object();
        meta.put("strategy", strategy.name().toLowerCase(java.util.Locale.ROOT));
        saveComponents(path, meta, names, components, weights);
        meta.set("report", report());
        activity.write().parquet(path + "/activity");
        HadoopFiles.writeStringAtomically(spark.sparkContext().hadoopConfiguration(), path + "/hybrid.json", Json.write(meta));
    }

    /** Saves each component under {@code path/components/} and lists them (name, path, weight, params) in {@code meta}. */
    static void saveComponents(String path, ObjectNode meta, List<String> names, List<RecommenderModel> components, double[] weights) {
        ArrayNode comps = meta.putArray("components");
        for (int c = 0; c < names.size(); c++) {
            String sub = "components/" + c + "-" + names.get(c);
            components.get(c).save(path + "/" + sub);
            ObjectNode x = comps.addObject();
            x.put("name", names.get(c));
            x.put("path", sub);
            if (weights != null) {
                x.put("weight", weights[c]);
            }
            x.set("params", Json.MAPPER.valueToTree(components.get(c).params().asStrings()));
        }
    }

    /** The components a hybrid saved, in order, with their weights (0 where none was saved). */
    record SavedComponents(List<String> names, List<RecommenderModel> models, double[] weights) {
    }

    static JsonNode readMeta(SparkSession spark, String path) {
        try {
            return Json.MAPPER.readTree(HadoopFiles.readString(spark.sparkContext().hadoopConfiguration(), path + "/hybrid.json"));
        } catch (IOException e) {
            throw new UserError(path + "/hybrid.json: not valid JSON: " + e.getMessage(), e);
        }
    }

    static SavedComponents loadComponents(FamilyLookup families, SparkSession spark, String path, JsonNode meta) {
        List<String> names = new ArrayList<>();
        List<RecommenderModel> models = new ArrayList<>();
        List<Double> ws = new ArrayList<>();
        for (JsonNode c : meta.path("components")) {
            Recommender r = families.family(c.path("name").asText());
            Map<String, String> raw = new LinkedHashMap<>();
            c.path("params").fields().forEachRemaining(e -> raw.put(e.getKey(), e.getValue().asText()));
            names.add(c.path("name").asText());
            models.add(r.load(spark, path + "/" + c.path("path").asText(), r.params(raw)));
            ws.add(c.path("weight").asDouble());
        }
        return new SavedComponents(names, models, ws.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static HybridModel load(FamilyLookup families, String family, SparkSession spark, String path, ParamMap params,
                            BlendStrategy strategy) {
        JsonNode meta = readMeta(spark, path);
        SavedComponents saved = loadComponents(families, spark, path, meta);
        Dataset<Row> activity = spark.read().parquet(path + "/activity").persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, Object> report = Json.MAPPER.convertValue(meta.path("report"), LinkedHashMap.class);
        return new HybridModel(family, params, strategy, HybridRecommender.normalisation(params),
                HybridRecommender.blender(families, strategy, params, saved.names()), saved.names(), saved.models(), saved.weights(),
                activity, report);
    }
}
