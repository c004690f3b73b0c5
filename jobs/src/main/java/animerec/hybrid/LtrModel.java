package animerec.hybrid;

import animerec.data.Columns;
import animerec.model.ParamMap;
import animerec.model.Recommendations;
import animerec.model.RecommenderModel;
import animerec.model.Reporting;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * A fitted {@code hybrid-ltr}: its components, fitted on all of train, and the learned ranker. Recommending
 * gathers every user's candidates from the components (distributed, as the other hybrids do) and orders them by
 * the ranker's margin.
 */
public final class LtrModel implements Reporting {
    private final ParamMap params;
    private final List<String> names;
    private final List<RecommenderModel> components;
    private final LtrRanker ranker;      // null when the weighted blend ranks
    private final double[] weights;      // null when the trees rank
    private final Blender blender;
    private final int listLength;
    private final Dataset<Row> activity;
    private final Dataset<Row> itemCounts;
    private final Map<String, Object> report;

    LtrModel(ParamMap params, List<String> names, List<RecommenderModel> components, LtrRanker ranker, double[] weights,
             Blender blender, int listLength, Dataset<Row> activity, Dataset<Row> itemCounts, Map<String, Object> report) {
        if ((ranker == null) == (weights == null)) {
            throw new IllegalArgumentException("hybrid-ltr ranks by the trees or by weights, exactly one");
        }
        this.weights = weights == null ? null : weights.clone();
        this.blender = blender;
        this.params = params;
        this.names = List.copyOf(names);
        this.components = List.copyOf(components);
        this.ranker = ranker;
        this.listLength = listLength;
        this.activity = activity;
        this.itemCounts = itemCounts;
        this.report = report;
    }

    @Override
    public String family() {
        return "hybrid-ltr";
    }

    @Override
    public ParamMap params() {
        return params;
    }

    public List<String> componentNames() {
        return names;
    }

    @Override
    public JsonNode report() {
        return Json.MAPPER.valueToTree(report);
    }

    @Override
    public Dataset<Row> recommend(Dataset<Row> users, Dataset<Row> seen, int k) {
        JavaRDD<UserCandidates> cands = Candidates.build(components, users, seen, listLength,
                BlendStrategy.Normalisation.MINMAX, activity, null, itemCounts);
        // broadcast: the trees are about 1 MB serialized, too big to travel inside every task (Spark warns)
        Broadcast<LtrRanker> r = ranker == null ? null
                : JavaSparkContext.fromSparkContext(users.sparkSession().sparkContext()).broadcast(ranker);
        Blender b = blender;
        double[] w = weights;
        JavaRDD<Row> rows = cands.flatMap(u -> {
            double[] s = r != null ? r.value().scores(u) : b.scores(u, w);
            int[] top = Blender.topOf(s, k);
            List<Row> out = new ArrayList<>(top.length);
            for (int i = 0; i < top.length; i++) {
                out.add(RowFactory.create(u.user, u.items[top[i]], i + 1, s[top[i]]));
            }
            return out.iterator();
        });
        return users.sparkSession().createDataFrame(rows, Recommendations.SCHEMA);
    }

    @Override
    public void save(String path) {
        SparkSession spark = activity.sparkSession();
        ObjectNode meta = Json.object();
        meta.put("strategy", "ltr");
        meta.put("ranking", ranker != null ? "trees" : "blend");
        meta.put("list_length", listLength);
        HybridModel.saveComponents(path, meta, names, components, weights);
        meta.set("report", report());
        if (ranker != null) {
            meta.put("users", ranker.features.users);
            try {
                ranker.trees.write().save(path + "/ranker");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        activity.write().parquet(path + "/activity");
        itemCounts.write().parquet(path + "/item-counts");
        HadoopFiles.writeStringAtomically(spark.sparkContext().hadoopConfiguration(), path + "/hybrid.json", Json.write(meta));
    }

    static LtrModel load(animerec.model.FamilyLookup families, SparkSession spark, String path, ParamMap params) {
        JsonNode meta = HybridModel.readMeta(spark, path);
        HybridModel.SavedComponents saved = HybridModel.loadComponents(families, spark, path, meta);
        boolean byTrees = "trees".equals(meta.path("ranking").asText());
        LtrRanker ranker = byTrees ? new LtrRanker(GBTClassificationModel.load(path + "/ranker"),
                new LtrFeatures(saved.names().size(), meta.path("users").asDouble())) : null;
        Dataset<Row> activity = spark.read().parquet(path + "/activity").persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> counts = spark.read().parquet(path + "/item-counts").select(Columns.ITEM, "count")
                .persist(StorageLevel.MEMORY_AND_DISK());
        @SuppressWarnings("unchecked")
        Map<String, Object> report = Json.MAPPER.convertValue(meta.path("report"), LinkedHashMap.class);
        int listLength = meta.path("list_length").asInt();
        return new LtrModel(params, saved.names(), saved.models(), ranker, byTrees ? null : saved.weights(),
                LtrRecommender.blender(families, saved.names(), listLength), listLength, activity, counts, report);
    }
}
