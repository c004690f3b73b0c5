package animerec.model.popularity;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;

import animerec.data.Columns;
import animerec.model.Param;
import animerec.model.FamilyTraits;
import animerec.model.ParamMap;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Popularity baseline. {@code score = count} ranks items by how many users interacted with them in train;
 * {@code score = log_count_mean} is the seed's {@code log1p(count) × mean rating} (mean over rated
 * interactions; items with no rating take the global mean). Registered as {@code popularity} (count) and
 * {@code popularity-rated} (log_count_mean).
 */
public final class PopularityRecommender implements animerec.model.serving.Servable {
    public static final String COUNT = "count";
    public static final String LOG_COUNT_MEAN = "log_count_mean";

    private final String name;
    private final Param<String> score;

    private PopularityRecommender(String name, String defaultScore) {
        this.name = name;
        this.score = Param.choiceParam("score", "how items are scored: count, or log1p(count) x mean rating",
                defaultScore, List.of(COUNT, LOG_COUNT_MEAN));
    }

    public static PopularityRecommender byCount() {
        return new PopularityRecommender("popularity", COUNT);
    }

    public static PopularityRecommender byRatedCount() {
        return new PopularityRecommender("popularity-rated", LOG_COUNT_MEAN);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FamilyTraits traits() {
        return FamilyTraits.NON_PERSONALISED;
    }

    @Override
    public String description() {
        return "most popular unseen items (score: " + score.defaultValue() + ")";
    }

    @Override
    public List<Param<?>> params() {
        return List.of(score);
    }

    @Override
    public RecommenderModel fit(TrainingData data, ParamMap params, long seed) {
        Dataset<Row> train = data.interactions();
        Row global = train.agg(avg(col(Columns.RATING))).first();
        double globalMean = global.isNullAt(0) ? 1.0 : global.getDouble(0);
        Dataset<Row> stats = train.groupBy(Columns.ITEM)
                .agg(count(lit(1)).as("count"), avg(col(Columns.RATING)).as("mean_rating"));
        Dataset<Row> scored = params.get(score).equals(COUNT)
                ? stats.withColumn(Columns.SCORE, col("count").cast("double"))
                : stats.withColumn(Columns.SCORE,
                        log1p(col("count")).multiply(coalesce(col("mean_rating"), lit(globalMean))));
        PopularityModel model = PopularityModel.fromScores(name, params, scored);
        model.scores().count(); // materialise the fit here, so fit time is fit time
        return model;
    }

    @Override
    public RecommenderModel load(SparkSession spark, String path, ParamMap params) {
        return PopularityModel.load(spark, name, params, path);
    }

    @Override
    public animerec.model.serving.ServingModel serving(animerec.model.serving.SavedModel saved, ParamMap params) {
        return PopularityServing.read(name, saved);
    }

    /** Yes: its served lists are the batch's ({@link animerec.model.serving.Servable#exportsFromMemory}). */
    @Override
    public boolean exportsFromMemory() {
        return true;
    }
}
