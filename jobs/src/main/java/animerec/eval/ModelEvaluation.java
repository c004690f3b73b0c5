package animerec.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import animerec.data.Columns;
import animerec.metrics.RatingErrors;
import animerec.model.RatingPredictor;
import animerec.model.RecommenderModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.expressions.Window;

/**
 * The evaluation harness: asks a model for top-K for every test user, enforces the candidate rule
 * (candidates = items seen in train, minus the user's own train items; anything else a model returns is
 * dropped and the list re-ranked), and computes ranking metrics against the relevant held-out items, plus
 * RMSE/MAE on the rated test pairs for rating models.
 */
public final class ModelEvaluation {
    private ModelEvaluation() {
    }

    /**
     * K values, relevance rule and user set; with {@code curveK > 0}, also the {@link Diagnostics} (a report's data),
     * with metric@K curves up to {@code curveK} (the lists are then that long; the metric means are unchanged).
     */
    public record Settings(int[] ks, Relevance relevance, UserSet users, int curveK) {
        /** Without diagnostics. */
        public Settings(int[] ks, Relevance relevance, UserSet users) {
            this(ks, relevance, users, 0);
        }

        /** These settings with diagnostics and curves up to {@code k} (0: none). */
        public Settings withCurveK(int k) {
            return new Settings(ks, relevance, users, k);
        }
    }

    /**
     * Metric means, the candidate-filtered top-K lists they were computed from (K the largest evaluated), and the
     * diagnostics (null unless asked for). {@code cached} is what the lists were read from (longer with a curve);
     * {@link #release()} unpersists it.
     */
    public record Result(LinkedHashMap<String, Double> metrics, Dataset<Row> recommendations, Diagnostics diagnostics,
                         Dataset<Row> cached) {
        /** The diagnostics as an experiment record stores them, or null. */
        public com.fasterxml.jackson.databind.JsonNode diagnosticsJson() {
            return diagnostics == null ? null : diagnostics.toJson();
        }

        /** Frees the cached lists. */
        public void release() {
            cached.unpersist();
        }
    }

    public static Result run(RecommenderModel model, Dataset<Row> train, Dataset<Row> test, Settings settings) {
        RankingEvaluator evaluator = new RankingEvaluator(settings.ks(), settings.users());
        Dataset<Row> relevant = settings.relevance().relevant(test).select(Columns.USER, Columns.ITEM);
        Dataset<Row> seen = train.select(Columns.USER, Columns.ITEM);
        Dataset<Row> catalog = train.select(Columns.ITEM).distinct();
        Dataset<Row> users = settings.users() == UserSet.TRUTH
                ? relevant.select(Columns.USER).distinct()
                : relevant.select(Columns.USER).union(train.select(Columns.USER)).distinct();
        int maxK = evaluator.maxK();
        int curveK = settings.curveK();
        int listK = Math.max(maxK, curveK);
        Dataset<Row> recs = candidateTopK(n -> model.recommend(users, seen, n), seen, catalog, listK).cache();
        long catalogSize = catalog.count();
        RankingEvaluator.DiagnosticInputs inputs = curveK > 0
                ? new RankingEvaluator.DiagnosticInputs(seen.groupBy(Columns.USER).agg(count(lit(1)).as("n")),
                        popularityDeciles(seen, catalogSize), curveK)
                : null;
        RankingEvaluator.Evaluated evaluated = evaluator.evaluate(recs, relevant, catalogSize, inputs);
        LinkedHashMap<String, Double> metrics = evaluated.metrics();
        if (model instanceof RatingPredictor p && p.predictsRatings()) {
            metrics.putAll(ratingErrors(p, test));
        }
        return new Result(metrics, listK == maxK ? recs : recs.filter(col(Columns.RANK).leq(maxK)), evaluated.diagnostics(),
                recs);
    }

    /**
     * Each train item's popularity decile: the items sorted by train interactions (most first, ties by id) cut into
     * ten groups of equal size ({@code anime_id, decile, n}; decile 1 the most popular). No global sort: the driver
     * gets the number of items per interaction count (one row per distinct count), works out where each count's run
     * of items starts in the order, and an item's position is that start plus its rank by id within its run (a window
     * partitioned by the count).
     */
    static Dataset<Row> popularityDeciles(Dataset<Row> seen, long items) {
        Dataset<Row> pop = seen.groupBy(Columns.ITEM).agg(count(lit(1)).as("n"));
        List<Row> runs = pop.groupBy("n").agg(count(lit(1)).as("items")).orderBy(col("n").desc()).collectAsList();
        List<Row> starts = new ArrayList<>(runs.size());
        long position = 0;
        for (Row r : runs) {
            starts.add(RowFactory.create(r.getLong(0), position));
            position += r.getLong(1);
        }
        long total = Math.max(position, 1);
        Dataset<Row> runStarts = seen.sparkSession().createDataFrame(starts,
                new StructType().add("n", DataTypes.LongType, false).add("start", DataTypes.LongType, false));
        return pop.join(broadcast(runStarts), "n")
                .withColumn("position", col("start").plus(row_number().over(Window.partitionBy("n").orderBy(Columns.ITEM))).minus(1))
                .select(col(Columns.ITEM), floor(col("position").multiply(10).divide(total)).cast("int").plus(1).as("decile"),
                        col("n"));
    }

    /**
     * The candidate rule applied to a model's lists: top-{@code k} among the candidates ({@code catalog}, the items
     * seen in train, minus each user's {@code seen} items). Twice {@code k} is asked of {@code topK}, so that a
     * model that also ranks non-candidates (content models score every catalogue item, including ones absent from
     * train) still fills its top-K with candidates. Used by the harness and by {@code recommend}.
     *
     * @param topK a model's top-n lists for a given n ({@code user_id, anime_id, rank, score}, maybe more columns)
     */
    public static Dataset<Row> candidateTopK(IntFunction<Dataset<Row>> topK, Dataset<Row> seen, Dataset<Row> catalog,
                                             int k) {
        return candidatesOnly(topK.apply(2 * k), seen, catalog).filter(col(Columns.RANK).leq(k));
    }

    /** Drops recommended items that are not candidates and renumbers ranks 1..n per user; other columns are kept. */
    public static Dataset<Row> candidatesOnly(Dataset<Row> recs, Dataset<Row> seen, Dataset<Row> catalog) {
        // using-column joins stay correct when the inputs derive from the same table (self-joins)
        return recs.join(catalog, new String[] {Columns.ITEM}, "left_semi")
                .join(seen, new String[] {Columns.USER, Columns.ITEM}, "left_anti")
                .withColumn(Columns.RANK, row_number().over(Window.partitionBy(col(Columns.USER))
                        .orderBy(col(Columns.RANK), col(Columns.ITEM))))
                .select(Arrays.stream(recs.columns()).map(c -> col(c)).toArray(Column[]::new));
    }

    /** RMSE and MAE over rated test pairs, folded per partition. */
    public static LinkedHashMap<String, Double> ratingErrors(RatingPredictor model, Dataset<Row> test) {
        Dataset<Row> rated = test.filter(col(Columns.RATING).isNotNull());
        Dataset<Row> pred = model.predict(rated.select(Columns.USER, Columns.ITEM));
        Dataset<Row> predicted = pred.select(Columns.USER, Columns.ITEM, "prediction")
                .join(rated.select(Columns.USER, Columns.ITEM, Columns.RATING), new String[] {Columns.USER, Columns.ITEM})
                .select(Columns.RATING, "prediction");
        RatingErrors errors = predicted.javaRDD().mapPartitions((FlatMapFunction<java.util.Iterator<Row>, RatingErrors>) rows -> {
            RatingErrors e = new RatingErrors();
            while (rows.hasNext()) {
                Row r = rows.next();
                e.add(r.getDouble(0), r.getDouble(1));
            }
            return Collections.singletonList(e).iterator();
        }).reduce(RatingErrors::merge);
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        out.put("rmse", errors.rmse());
        out.put("mae", errors.mae());
        return out;
    }
}
