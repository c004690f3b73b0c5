package animerec.model.popularity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;

import animerec.data.Columns;
import animerec.model.ParamMap;
import animerec.model.RecommenderModel;
import animerec.model.CandidateRanker;
import animerec.model.Recommendations;
import animerec.spark.Caching;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * A fitted popularity model: one score per item. Recommending walks the items in score order (ties: more
 * interactions first, then lower id) and skips each user's seen items, on the executors; the ranked item
 * list — one entry per catalogue item, the model itself — is broadcast.
 */
public final class PopularityModel implements CandidateRanker {
    private final String family;
    private final ParamMap params;
    private final Dataset<Row> scores; // anime_id, count, mean_rating, score

    private PopularityModel(String family, ParamMap params, Dataset<Row> scores) {
        this.family = family;
        this.params = params;
        this.scores = scores;
    }

    static PopularityModel fromScores(String family, ParamMap params, Dataset<Row> scores) {
        // the content models each fit the same popularity fallback on the same data: one cache
        return new PopularityModel(family, params, Caching.persist(scores.select(col(Columns.ITEM), col("count"),
                col("mean_rating"), col(Columns.SCORE))));
    }

    static PopularityModel load(SparkSession spark, String family, ParamMap params, String path) {
        return fromScores(family, params, spark.read().parquet(path + "/item_scores"));
    }

    @Override
    public String family() {
        return family;
    }

    @Override
    public ParamMap params() {
        return params;
    }

    /** Item scores ({@code anime_id, count, mean_rating, score}). */
    public Dataset<Row> scores() {
        return scores;
    }

    /** Every item in recommendation order (score, then more interactions, then lower id), on the driver. */
    private List<Row> ranked() {
        return scores.orderBy(col(Columns.SCORE).desc(), col("count").desc(), col(Columns.ITEM).asc())
                .select(Columns.ITEM, Columns.SCORE).collectAsList();
    }

    @Override
    public Dataset<Row> recommend(Dataset<Row> users, Dataset<Row> seen, int k) {
        List<Row> ranked = ranked();
        long[] ids = new long[ranked.size()];
        double[] values = new double[ranked.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ranked.get(i).getLong(0);
            values[i] = ranked.get(i).getDouble(1);
        }
        SparkSession spark = users.sparkSession();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<long[]> bIds = jsc.broadcast(ids);
        Broadcast<double[]> bValues = jsc.broadcast(values);
        Dataset<Row> seenLists = seen.groupBy(Columns.USER).agg(collect_list(col(Columns.ITEM)).as("seen"));
        Dataset<Row> targets = users.select(Columns.USER).distinct().join(seenLists, Columns.USER, "left");
        return targets.flatMap((FlatMapFunction<Row, Row>) row -> {
            long user = row.getLong(0);
            long[] seenItems = row.isNullAt(1) ? new long[0]
                    : row.<Long>getList(1).stream().mapToLong(Long::longValue).sorted().toArray();
            long[] itemIds = bIds.value();
            double[] itemScores = bValues.value();
            List<Row> out = new ArrayList<>(k);
            for (int i = 0; i < itemIds.length && out.size() < k; i++) {
                if (Arrays.binarySearch(seenItems, itemIds[i]) < 0) {
                    out.add(RowFactory.create(user, itemIds[i], out.size() + 1, itemScores[i]));
                }
            }
            return out.iterator();
        }, Encoders.row(Recommendations.SCHEMA));
    }

    /** Candidates ranked by their score; a candidate absent from training scores 0 (ties: lower id first). */
    @Override
    public Dataset<Row> recommendAmong(Dataset<Row> users, Dataset<Row> candidates, Dataset<Row> seen, int k) {
        Dataset<Row> scored = candidates.select(Columns.ITEM).distinct()
                .join(scores.select(Columns.ITEM, Columns.SCORE), new String[] {Columns.ITEM}, "left")
                .na().fill(0.0, new String[] {Columns.SCORE});
        return animerec.eval.CandidateRanking.topK(users, scored, seen, k);
    }

    @Override
    public void save(String path) {
        scores.coalesce(1).write().parquet(path + "/item_scores");
    }
}
