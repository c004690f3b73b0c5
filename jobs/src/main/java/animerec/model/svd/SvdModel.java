package animerec.model.svd;

import static org.apache.spark.sql.functions.col;

import animerec.data.Columns;
import animerec.model.ParamMap;
import animerec.model.Recommendations;
import animerec.model.RecommenderModel;
import animerec.model.RatingPredictor;
import animerec.model.factor.BlockedTopKScorer;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * A fitted SVD model: μ, user and item biases and factors. Predictions are clipped to the training rating
 * range, as Surprise does; a user or item unseen in training falls back to μ plus the known bias and is
 * flagged {@code impossible}. Top-K goes through the shared {@link BlockedTopKScorer} with vectors
 * [p_u, 1, μ + b_u] · [q_i, b_i, 1].
 */
public final class SvdModel implements RatingPredictor {
    private final ParamMap params;
    private final Dataset<Row> users; // id, bias, vector
    private final Dataset<Row> items;
    private final float mu;
    private final float minRating;
    private final float maxRating;
    private final double[] epochSeconds;
    private final double[] kernelTaskSeconds;
    private final int strata;

    /** A model over trained (or, during training, snapshot) factors. */
    public static SvdModel of(ParamMap params, DsgdTrainer.Result r) {
        return new SvdModel(params, r);
    }

    SvdModel(ParamMap params, DsgdTrainer.Result r) {
        this(params, r.users(), r.items(), r.mu(), r.minRating(), r.maxRating(), r.epochSeconds(), r.kernelTaskSeconds(), r.strata());
    }

    private SvdModel(ParamMap params, Dataset<Row> users, Dataset<Row> items, float mu, float minRating,
                     float maxRating, double[] epochSeconds, double[] kernelTaskSeconds, int strata) {
        this.params = params;
        this.users = users;
        this.items = items;
        this.mu = mu;
        this.minRating = minRating;
        this.maxRating = maxRating;
        this.epochSeconds = epochSeconds;
        this.kernelTaskSeconds = kernelTaskSeconds;
        this.strata = strata;
    }

    @Override
    public String family() {
        return "svd";
    }

    @Override
    public ParamMap params() {
        return params;
    }

    public float globalMean() {
        return mu;
    }

    /** Wall seconds of every training epoch (empty for a loaded model). */
    public double[] epochSeconds() {
        return epochSeconds.clone();
    }

    /** Task-seconds spent inside the SGD loop in every epoch, summed over parallel tasks (empty when loaded). */
    public double[] kernelTaskSeconds() {
        return kernelTaskSeconds.clone();
    }

    /** DSGD's d used for the fit (0 when loaded). */
    public int strata() {
        return strata;
    }

    /** {@code id, bias, vector}. */
    public Dataset<Row> userFactors() {
        return users;
    }

    /** {@code id, bias, vector}. */
    public Dataset<Row> itemFactors() {
        return items;
    }

    @Override
    public boolean predictsRatings() {
        return true;
    }

    @Override
    public Dataset<Row> predict(Dataset<Row> pairs) {
        Dataset<Row> u = users.select(col("id").as(Columns.USER), col("bias").as("bu"), col("vector").as("pu"));
        Dataset<Row> i = items.select(col("id").as(Columns.ITEM), col("bias").as("bi"), col("vector").as("qi"));
        Dataset<Row> joined = pairs.select(Columns.USER, Columns.ITEM)
                .join(u, new String[] {Columns.USER}, "left")
                .join(i, new String[] {Columns.ITEM}, "left")
                .select(Columns.USER, Columns.ITEM, "bu", "pu", "bi", "qi");
        float m = mu;
        float lo = minRating;
        float hi = maxRating;
        return joined.map((MapFunction<Row, Row>) r -> predictRow(r, m, lo, hi), Encoders.row(Recommendations.PREDICTIONS));
    }

    private static Row predictRow(Row r, float m, float lo, float hi) {
        boolean knownUser = !r.isNullAt(2);
        boolean knownItem = !r.isNullAt(4);
        double est = m;
        if (knownUser) {
            est += r.getFloat(2);
        }
        if (knownItem) {
            est += r.getFloat(4);
        }
        if (knownUser && knownItem) {
            List<Float> p = r.getList(3);
            List<Float> q = r.getList(5);
            float dot = 0f;
            for (int f = 0; f < p.size(); f++) {
                dot += p.get(f) * q.get(f);
            }
            est += dot;
        }
        est = Math.max(lo, Math.min(hi, est));
        return RowFactory.create(r.getLong(0), r.getLong(1), est, !(knownUser && knownItem));
    }

    @Override
    public Dataset<Row> recommend(Dataset<Row> targetUsers, Dataset<Row> seen, int k) {
        float m = mu;
        Dataset<Row> userVectors = users.map((MapFunction<Row, Row>) r -> {
            List<Float> v = r.getList(2);
            Float[] out = new Float[v.size() + 2];
            for (int f = 0; f < v.size(); f++) {
                out[f] = v.get(f);
            }
            out[v.size()] = 1f;
            out[v.size() + 1] = m + r.getFloat(1);
            return RowFactory.create(r.getLong(0), BlockedTopKScorer.vector(out));
        }, Encoders.row(BlockedTopKScorer.USER_VECTORS));
        Dataset<Row> itemVectors = items.map((MapFunction<Row, Row>) r -> {
            List<Float> v = r.getList(2);
            Float[] out = new Float[v.size() + 2];
            for (int f = 0; f < v.size(); f++) {
                out[f] = v.get(f);
            }
            out[v.size()] = r.getFloat(1);
            out[v.size() + 1] = 1f;
            return RowFactory.create(r.getLong(0), BlockedTopKScorer.vector(out));
        }, Encoders.row(BlockedTopKScorer.ITEM_VECTORS));
        return BlockedTopKScorer.defaults().recommend(userVectors, itemVectors, targetUsers, seen, k);
    }

    @Override
    public void save(String path) {
        users.write().parquet(path + "/user_factors");
        items.write().parquet(path + "/item_factors");
        ObjectNode meta = Json.object();
        meta.put("global_mean", mu);
        meta.put("min_rating", minRating);
        meta.put("max_rating", maxRating);
        HadoopFiles.writeStringAtomically(users.sparkSession().sparkContext().hadoopConfiguration(),
                path + "/svd.json", Json.write(meta));
    }

    static SvdModel load(SparkSession spark, String path, ParamMap params) {
        JsonNode meta;
        try {
            meta = Json.MAPPER.readTree(HadoopFiles.readString(spark.sparkContext().hadoopConfiguration(), path + "/svd.json"));
        } catch (IOException e) {
            throw new UserError(path + "/svd.json: not valid JSON: " + e.getMessage(), e);
        }
        Dataset<Row> u = spark.read().parquet(path + "/user_factors").cache();
        Dataset<Row> i = spark.read().parquet(path + "/item_factors").cache();
        return new SvdModel(params, u, i, (float) meta.path("global_mean").asDouble(),
                (float) meta.path("min_rating").asDouble(), (float) meta.path("max_rating").asDouble(), new double[0], new double[0], 0);
    }
}
