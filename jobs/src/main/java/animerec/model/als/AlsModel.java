package animerec.model.als;

import static animerec.util.ParquetRows.Kind.FLOATS;
import static animerec.util.ParquetRows.Kind.INT;
import static animerec.util.ParquetRows.Kind.LONG;
import static org.apache.spark.sql.functions.col;

import animerec.data.Columns;
import animerec.model.ParamMap;
import animerec.model.Recommendations;
import animerec.model.RecommenderModel;
import animerec.model.CandidateRanker;
import animerec.model.RatingPredictor;
import animerec.model.factor.BlockedTopKScorer;
import org.apache.spark.api.java.function.MapFunction;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * A fitted {@code als} or {@code als-mllib} model: user and item factor tables {@code (id, features)} over int
 * indices, and the id ↔ index tables. Saved as Parquet in the layout MLlib's ALSModel writer uses
 * ({@code als/userFactors}, {@code als/itemFactors}, beside {@code user_index} and {@code item_index}), so versions
 * saved by earlier releases, with MLlib's writer, load and serve unchanged. Explicit models predict ratings
 * (unclipped); a user or item unseen in training gets the mean training rating and is flagged impossible.
 */
public final class AlsModel implements CandidateRanker, RatingPredictor {
    static final String USER_INDEX = "user_index";
    static final String ITEM_INDEX = "item_index";

    private final String family;
    private final ParamMap params;
    private final Dataset<Row> userFactors;
    private final Dataset<Row> itemFactors;
    private final Dataset<Row> users;
    private final Dataset<Row> items;
    private final boolean implicit;
    private final double meanRating;

    AlsModel(String family, ParamMap params, Dataset<Row> userFactors, Dataset<Row> itemFactors, Dataset<Row> users,
             Dataset<Row> items, boolean implicit, double meanRating) {
        this.family = family;
        this.params = params;
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
        this.users = users;
        this.items = items;
        this.implicit = implicit;
        this.meanRating = meanRating;
    }

    @Override
    public String family() {
        return family;
    }

    @Override
    public ParamMap params() {
        return params;
    }

    /** {@code user_id, vector}. */
    public Dataset<Row> userVectors() {
        return vectors(users, userFactors, USER_INDEX, Columns.USER);
    }

    /** {@code anime_id, vector}. */
    public Dataset<Row> itemVectors() {
        return vectors(items, itemFactors, ITEM_INDEX, Columns.ITEM);
    }

    /** The id table ({@code idColumn, indexColumn}) joined to the factors ({@code id, features}): {@code idColumn, vector}. */
    static Dataset<Row> vectors(Dataset<Row> ids, Dataset<Row> factors, String indexColumn, String idColumn) {
        return ids.join(factors.withColumnRenamed("id", indexColumn), new String[] {indexColumn})
                .select(col(idColumn), col("features").as(BlockedTopKScorer.VECTOR));
    }

    @Override
    public Dataset<Row> recommend(Dataset<Row> targetUsers, Dataset<Row> seen, int k) {
        return BlockedTopKScorer.defaults().recommend(userVectors(), itemVectors(), targetUsers, seen, k);
    }

    /** Top-{@code k} among {@code candidates}; items absent from training have no factors and are never listed. */
    @Override
    public Dataset<Row> recommendAmong(Dataset<Row> targetUsers, Dataset<Row> candidates, Dataset<Row> seen, int k) {
        Dataset<Row> among = itemVectors().join(candidates.select(Columns.ITEM).distinct(), new String[] {Columns.ITEM}, "left_semi");
        return BlockedTopKScorer.defaults().recommend(userVectors(), among, targetUsers, seen, k);
    }

    /**
     * The saved factors in memory (MLlib's user and item factors joined to our id indexes, items ascending); an
     * implicit model folds in anonymous queries (MLlib's α and λ·n).
     */
    static animerec.model.serving.ServingModel serving(String family, animerec.model.serving.SavedModel saved, ParamMap params) {
        java.util.Map<Integer, float[]> userFactors = factors(saved, "als/userFactors");
        java.util.Map<Integer, float[]> itemFactors = factors(saved, "als/itemFactors");
        java.util.Map<Long, float[]> byUser = new java.util.HashMap<>();
        saved.rows("user_index", List.of(LONG.of(Columns.USER), INT.of(USER_INDEX)), r -> {
            float[] f = userFactors.get(r.getInt(1));
            if (f != null) {
                byUser.put(r.getLong(0), f);
            }
        });
        java.util.TreeMap<Long, float[]> byItem = new java.util.TreeMap<>();
        saved.rows("item_index", List.of(LONG.of(Columns.ITEM), INT.of(ITEM_INDEX)), r -> {
            float[] f = itemFactors.get(r.getInt(1));
            if (f != null) {
                byItem.put(r.getLong(0), f);
            }
        });
        int rank = byItem.isEmpty() ? 0 : byItem.firstEntry().getValue().length;
        long[] ids = new long[byItem.size()];
        float[] factors = new float[ids.length * rank];
        int a = 0;
        for (java.util.Map.Entry<Long, float[]> e : byItem.entrySet()) {
            ids[a] = e.getKey();
            System.arraycopy(e.getValue(), 0, factors, a++ * rank, rank);
        }
        return new animerec.model.serving.FactorServing(family, rank, byUser, ids, factors, params.get(AlsRecommender.IMPLICIT)
                ? new animerec.model.serving.FactorServing.FoldIn(params.get(AlsRecommender.ALPHA), params.get(AlsRecommender.REG)) : null);
    }

    private static java.util.Map<Integer, float[]> factors(animerec.model.serving.SavedModel saved, String table) {
        java.util.Map<Integer, float[]> out = new java.util.HashMap<>();
        saved.rows(table, List.of(INT.of("id"), FLOATS.of("features")), r -> out.put(r.getInt(0), r.floats(1)));
        return out;
    }

    @Override
    public boolean predictsRatings() {
        return !implicit;
    }

    @Override
    public Dataset<Row> predict(Dataset<Row> pairs) {
        if (implicit) {
            throw new UnsupportedOperationException(family() + " was fitted on implicit feedback: it does not predict ratings");
        }
        // an id unseen in training has no index: -1 (MLlib rejects null ids, and gives NaN for unknown ones)
        Dataset<Row> withIndex = pairs.select(Columns.USER, Columns.ITEM)
                .join(users, new String[] {Columns.USER}, "left")
                .join(items, new String[] {Columns.ITEM}, "left")
                .na().fill(-1, new String[] {USER_INDEX, ITEM_INDEX});
        Dataset<Row> withFactors = withIndex
                .join(userFactors.select(col("id").as(USER_INDEX), col("features").as("u")), new String[] {USER_INDEX}, "left")
                .join(itemFactors.select(col("id").as(ITEM_INDEX), col("features").as("i")), new String[] {ITEM_INDEX}, "left");
        double mean = meanRating;
        return withFactors.select(Columns.USER, Columns.ITEM, "u", "i").map((MapFunction<Row, Row>) r -> {
            if (r.isNullAt(2) || r.isNullAt(3)) {
                return RowFactory.create(r.getLong(0), r.getLong(1), mean, true);
            }
            List<Float> u = r.getList(2);
            List<Float> v = r.getList(3);
            float dot = 0f; // in factor order, in float: what MLlib's transform computes
            for (int f = 0; f < u.size(); f++) {
                dot += u.get(f) * v.get(f);
            }
            return RowFactory.create(r.getLong(0), r.getLong(1), (double) dot, false);
        }, Encoders.row(Recommendations.PREDICTIONS));
    }

    @Override
    public void save(String path) {
        // no dictionary: factor values hardly repeat, and building one to drop it cost seconds per save
        userFactors.write().option("parquet.enable.dictionary", "false").parquet(path + "/als/userFactors");
        itemFactors.write().option("parquet.enable.dictionary", "false").parquet(path + "/als/itemFactors");
        users.write().parquet(path + "/user_index");
        items.write().parquet(path + "/item_index");
        animerec.util.HadoopFiles.writeStringAtomically(users.sparkSession().sparkContext().hadoopConfiguration(),
                path + "/als.json", animerec.util.Json.write(animerec.util.Json.object().put("mean_rating", meanRating)));
    }

    static AlsModel load(String family, SparkSession spark, String path, ParamMap params) {
        Dataset<Row> userFactors = spark.read().parquet(path + "/als/userFactors").persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> itemFactors = spark.read().parquet(path + "/als/itemFactors").persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> users = spark.read().parquet(path + "/user_index").persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> items = spark.read().parquet(path + "/item_index").persist(StorageLevel.MEMORY_AND_DISK());
        double mean;
        try {
            mean = animerec.util.Json.MAPPER.readTree(animerec.util.HadoopFiles.readString(
                    spark.sparkContext().hadoopConfiguration(), path + "/als.json")).path("mean_rating").asDouble();
        } catch (java.io.IOException e) {
            throw new animerec.util.UserError(path + "/als.json: not valid JSON: " + e.getMessage(), e);
        }
        return new AlsModel(family, params, userFactors, itemFactors, users, items, params.get(AlsRecommender.IMPLICIT), mean);
    }
}
