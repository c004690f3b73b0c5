package animerec.model.knn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;

import animerec.data.Columns;
import animerec.model.ParamMap;
import animerec.model.Recommendations;
import animerec.model.RecommenderModel;
import animerec.model.RatingPredictor;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * A fitted neighbourhood model (Surprise's KNNBasic, or KNNBaseline with {@code baseline}). With x the
 * entity (the user when {@code user_based}, else the item) and y the other side, the estimate for (x, y)
 * takes, among the neighbours of x that have a rating for y, the {@code k} most similar (ties: the lower id),
 * keeps those with positive similarity, and returns Σ sim·r / Σ sim (KNNBasic) or
 * b_xy + Σ sim·(r − b_neighbour,y) / Σ sim (KNNBaseline). KNNBasic with fewer than {@code min_k} such
 * neighbours, or an unknown user or item, falls back to the global mean and is flagged impossible;
 * KNNBaseline falls back to its baseline. Estimates are clipped to the training rating range.
 */
public final class KnnModel implements RatingPredictor {
    private static final StructType ESTIMATES = new StructType()
            .add(Neighbourhoods.X, DataTypes.LongType, false)
            .add("y", DataTypes.LongType, false)
            .add("num", DataTypes.DoubleType, false)
            .add("den", DataTypes.DoubleType, false)
            .add("actual_k", DataTypes.IntegerType, false);

    private final String family;
    private final ParamMap params;
    private final Settings settings;
    private final Dataset<Row> ratings;    // user_id, anime_id, rating
    private final Dataset<Row> neighbours; // x, nx, sim
    private final Dataset<Row> userBias;   // user_id, bu (zeros without baseline)
    private final Dataset<Row> itemBias;   // anime_id, bi
    private final double mu;
    private final double minRating;
    private final double maxRating;

    /** What the estimate needs besides the tables. */
    record Settings(boolean userBased, boolean baseline, int k, int minK) implements java.io.Serializable {
    }

    KnnModel(String family, ParamMap params, Settings settings, Dataset<Row> ratings, Dataset<Row> neighbours,
             Dataset<Row> userBias, Dataset<Row> itemBias, double mu, double minRating, double maxRating) {
        this.family = family;
        this.params = params;
        this.settings = settings;
        this.ratings = ratings;
        this.neighbours = neighbours;
        this.userBias = userBias;
        this.itemBias = itemBias;
        this.mu = mu;
        this.minRating = minRating;
        this.maxRating = maxRating;
    }

    @Override
    public String family() {
        return family;
    }

    @Override
    public ParamMap params() {
        return params;
    }

    @Override
    public boolean predictsRatings() {
        return true;
    }

    public Dataset<Row> neighbours() {
        return neighbours;
    }

    private String xColumn() {
        return settings.userBased() ? Columns.USER : Columns.ITEM;
    }

    private String yColumn() {
        return settings.userBased() ? Columns.ITEM : Columns.USER;
    }

    /** Ratings as (nx, y, r, nb_bsl): the neighbour's rating of y and the neighbour's baseline for y. */
    private Dataset<Row> neighbourRatings() {
        Dataset<Row> withBias = ratings.join(userBias, new String[] {Columns.USER})
                .join(itemBias, new String[] {Columns.ITEM});
        return withBias.select(col(xColumn()).as(Neighbourhoods.NEIGHBOUR), col(yColumn()).as("y"),
                col(Columns.RATING).as("r"), col(Baselines.BU).plus(col(Baselines.BI)).plus(lit(mu)).as("nb_bsl"));
    }

    /** Σ sim·(r − b) and Σ sim over the k most similar candidates with positive similarity, per (x, y). */
    private Dataset<Row> estimates(Dataset<Row> candidates) {
        Settings s = settings;
        Dataset<Row> grouped = candidates.groupBy(Neighbourhoods.X, "y").agg(collect_list(struct(
                col(Neighbourhoods.SIM), col(Neighbourhoods.NEIGHBOUR), col("r"), col("nb_bsl"),
                col(Neighbourhoods.SUPPORT))).as("c"));
        return grouped.map((MapFunction<Row, Row>) row -> estimate(row, s), Encoders.row(ESTIMATES));
    }

    static Row estimate(Row row, Settings s) {
        List<Row> c = new ArrayList<>(row.getList(2));
        c.sort((a, b) -> Neighbourhoods.compare(a.getDouble(0), a.getInt(4), a.getLong(1),
                b.getDouble(0), b.getInt(4), b.getLong(1)));
        double num = 0;
        double den = 0;
        int actual = 0;
        for (int i = 0; i < c.size() && i < s.k(); i++) {
            double sim = c.get(i).getDouble(0);
            if (sim > 0) {
                double r = c.get(i).getDouble(2);
                num += sim * (s.baseline() ? r - c.get(i).getDouble(3) : r);
                den += sim;
                actual++;
            }
        }
        return RowFactory.create(row.getLong(0), row.getLong(1), num, den, actual);
    }

    @Override
    public Dataset<Row> predict(Dataset<Row> pairs) {
        Dataset<Row> q = pairs.select(Columns.USER, Columns.ITEM);
        Dataset<Row> xy = q.select(col(xColumn()).as(Neighbourhoods.X), col(yColumn()).as("y")).distinct();
        // the other raters of y first (the list of y), then keep those that are neighbours of x: far fewer rows
        // than pairing every query with all of x's neighbours
        Dataset<Row> candidates = xy.join(neighbourRatings(), new String[] {"y"})
                .join(neighbours, new String[] {Neighbourhoods.X, Neighbourhoods.NEIGHBOUR});
        Dataset<Row> est = estimates(candidates)
                .withColumnRenamed(Neighbourhoods.X, xColumn()).withColumnRenamed("y", yColumn());
        Dataset<Row> joined = q.join(est, new String[] {Columns.USER, Columns.ITEM}, "left")
                .join(userBias, new String[] {Columns.USER}, "left")
                .join(itemBias, new String[] {Columns.ITEM}, "left")
                .select(Columns.USER, Columns.ITEM, "num", "den", "actual_k", Baselines.BU, Baselines.BI);
        Settings s = settings;
        double m = mu;
        double lo = minRating;
        double hi = maxRating;
        return joined.map((MapFunction<Row, Row>) r -> {
            boolean knownUser = !r.isNullAt(5);
            boolean knownItem = !r.isNullAt(6);
            boolean enough = !r.isNullAt(4) && r.getInt(4) >= s.minK() && r.getDouble(3) > 0;
            double value;
            boolean impossible;
            if (s.baseline()) {
                value = m + (knownUser ? r.getDouble(5) : 0) + (knownItem ? r.getDouble(6) : 0);
                if (knownUser && knownItem && enough) {
                    value += r.getDouble(2) / r.getDouble(3);
                }
                impossible = !(knownUser && knownItem);
            } else {
                impossible = !(knownUser && knownItem && enough);
                value = impossible ? m : r.getDouble(2) / r.getDouble(3);
            }
            return RowFactory.create(r.getLong(0), r.getLong(1), Math.max(lo, Math.min(hi, value)), impossible);
        }, Encoders.row(Recommendations.PREDICTIONS));
    }

    /**
     * Top-K by estimated rating over the items reachable from the model's neighbour lists: for user-based
     * models, the items rated by the user's k nearest neighbours; for item-based, the items among whose k
     * nearest neighbours the user rated something. Only those (user, item) pairs are estimated — never the
     * full user × item grid. Ties rank the lower item id first.
     */
    @Override
    public Dataset<Row> recommend(Dataset<Row> users, Dataset<Row> seen, int k) {
        Dataset<Row> nearest = neighbours.withColumn("nrank", row_number().over(Window.partitionBy(Neighbourhoods.X)
                        .orderBy(col(Neighbourhoods.SIM).desc(), col(Neighbourhoods.NEIGHBOUR).asc())))
                .filter(col("nrank").leq(settings.k())).drop("nrank");
        Dataset<Row> targets = users.select(Columns.USER).distinct();
        Dataset<Row> nr = neighbourRatings();
        Dataset<Row> candidates = settings.userBased()
                ? targets.select(col(Columns.USER).as(Neighbourhoods.X)).join(nearest, new String[] {Neighbourhoods.X})
                        .join(nr, new String[] {Neighbourhoods.NEIGHBOUR})
                : nearest.join(nr.join(targets.select(col(Columns.USER).as("y")), new String[] {"y"}),
                        new String[] {Neighbourhoods.NEIGHBOUR});
        // the user's own items leave before the per-(x, y) grouping: fewer rows to collect (the estimate of an
        // (x, y) depends on that pair's rows only, so the result is the same as dropping them afterwards)
        Dataset<Row> unseen = candidates.join(seen.select(col(xColumn()).as(Neighbourhoods.X), col(yColumn()).as("y")),
                new String[] {Neighbourhoods.X, "y"}, "left_anti");
        Dataset<Row> est = estimates(unseen)
                .withColumnRenamed(Neighbourhoods.X, xColumn()).withColumnRenamed("y", yColumn());
        Dataset<Row> scored;
        if (settings.baseline()) {
            scored = est.join(userBias, new String[] {Columns.USER}).join(itemBias, new String[] {Columns.ITEM})
                    .withColumn(Columns.SCORE, lit(mu).plus(col(Baselines.BU)).plus(col(Baselines.BI))
                            .plus(org.apache.spark.sql.functions.when(col("actual_k").geq(settings.minK()),
                                    col("num").divide(col("den"))).otherwise(lit(0.0))));
        } else {
            scored = est.filter(col("actual_k").geq(settings.minK())).withColumn(Columns.SCORE, col("num").divide(col("den")));
        }
        scored = scored.withColumn(Columns.SCORE, org.apache.spark.sql.functions.greatest(lit(minRating),
                org.apache.spark.sql.functions.least(lit(maxRating), col(Columns.SCORE))));
        return scored.withColumn(Columns.RANK, row_number().over(Window.partitionBy(Columns.USER)
                        .orderBy(col(Columns.SCORE).desc(), col(Columns.ITEM).asc())))
                .filter(col(Columns.RANK).leq(k))
                .select(col(Columns.USER), col(Columns.ITEM), col(Columns.RANK), col(Columns.SCORE));
    }

    @Override
    public void save(String path) {
        ratings.write().parquet(path + "/ratings");
        neighbours.write().parquet(path + "/neighbours");
        userBias.write().parquet(path + "/user_bias");
        itemBias.write().parquet(path + "/item_bias");
        ObjectNode meta = Json.object();
        meta.put("global_mean", mu);
        meta.put("min_rating", minRating);
        meta.put("max_rating", maxRating);
        meta.put("user_based", settings.userBased());
        meta.put("baseline", settings.baseline());
        meta.put("k", settings.k());
        meta.put("min_k", settings.minK());
        HadoopFiles.writeStringAtomically(ratings.sparkSession().sparkContext().hadoopConfiguration(),
                path + "/knn.json", Json.write(meta));
    }

    static KnnModel load(SparkSession spark, String family, String path, ParamMap params) {
        JsonNode meta;
        try {
            meta = Json.MAPPER.readTree(HadoopFiles.readString(spark.sparkContext().hadoopConfiguration(), path + "/knn.json"));
        } catch (IOException e) {
            throw new UserError(path + "/knn.json: not valid JSON: " + e.getMessage(), e);
        }
        Settings s = new Settings(meta.path("user_based").asBoolean(), meta.path("baseline").asBoolean(),
                meta.path("k").asInt(), meta.path("min_k").asInt());
        return new KnnModel(family, params, s, read(spark, path + "/ratings"), read(spark, path + "/neighbours"),
                read(spark, path + "/user_bias"), read(spark, path + "/item_bias"), meta.path("global_mean").asDouble(),
                meta.path("min_rating").asDouble(), meta.path("max_rating").asDouble());
    }

    private static Dataset<Row> read(SparkSession spark, String path) {
        return spark.read().parquet(path).persist(StorageLevel.MEMORY_AND_DISK());
    }
}
