package animerec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import animerec.data.Columns;
import animerec.model.Recommendations;
import animerec.testing.SparkTestSupport;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Hand-computed harness cases: candidate filtering and re-ranking, users without lists, coverage. */
class RankingEvaluatorTest {
    private final SparkSession spark = SparkTestSupport.spark();
    private static final StructType PAIRS = new StructType()
            .add(Columns.USER, DataTypes.LongType).add(Columns.ITEM, DataTypes.LongType);

    @Test
    void handComputedMetricsForTwoUsers() {
        // user 1: list [10, 20, 30], relevant {20, 40} -> P@2 = 1/2, AP@2 = (1/2)/2, NDCG@2 = (1/ln3)/(1/ln2 + 1/ln3)
        // user 2: no list, relevant {10} -> all zeros (counted: truth user set)
        Dataset<Row> recs = spark.createDataFrame(List.of(
                RowFactory.create(1L, 10L, 1, 3.0), RowFactory.create(1L, 20L, 2, 2.0), RowFactory.create(1L, 30L, 3, 1.0)),
                Recommendations.SCHEMA);
        Dataset<Row> truth = spark.createDataFrame(List.of(
                RowFactory.create(1L, 20L), RowFactory.create(1L, 40L), RowFactory.create(2L, 10L)), PAIRS);
        LinkedHashMap<String, Double> m = new RankingEvaluator(new int[] {2}, UserSet.TRUTH).evaluate(recs, truth, 4);
        assertEquals(2.0, m.get("users"), 0.0);
        assertEquals((1.0 / 2.0) / 2, m.get("precision@2"), 1e-12);
        assertEquals((1.0 / 2.0) / 2, m.get("recall@2"), 1e-12);
        assertEquals(((1.0 / 2.0) / 2) / 2, m.get("map@2"), 1e-12);
        double ndcg1 = (1 / Math.log(3)) / (1 / Math.log(2) + 1 / Math.log(3));
        assertEquals(ndcg1 / 2, m.get("ndcg@2"), 1e-12);
        assertEquals(0.5 / 2, m.get("mrr"), 1e-12);
        assertEquals(1.0 / 2, m.get("hit_rate@2"), 1e-12);
        assertEquals(2.0 / 4.0, m.get("coverage@2"), 1e-12); // items 10 and 20 within rank 2, of 4
    }

    @Test
    void harnessDropsSeenAndNonCandidateItemsAndReranks() {
        Dataset<Row> recs = spark.createDataFrame(List.of(
                RowFactory.create(1L, 10L, 1, 9.0),   // seen by user 1 -> dropped
                RowFactory.create(1L, 99L, 2, 8.0),   // not in train catalogue -> dropped
                RowFactory.create(1L, 30L, 3, 7.0),
                RowFactory.create(1L, 20L, 4, 6.0)), Recommendations.SCHEMA);
        Dataset<Row> seen = spark.createDataFrame(List.of(
                RowFactory.create(1L, 10L), RowFactory.create(2L, 20L), RowFactory.create(2L, 30L)), PAIRS);
        Dataset<Row> catalog = seen.select(Columns.ITEM).distinct();
        List<Row> out = ModelEvaluation.candidatesOnly(recs, seen, catalog).orderBy(Columns.RANK).collectAsList();
        assertEquals(2, out.size());
        assertEquals(30L, out.get(0).getLong(1));
        assertEquals(1, out.get(0).getInt(2));
        assertEquals(20L, out.get(1).getLong(1));
        assertEquals(2, out.get(1).getInt(2));
    }

    @Test
    void relevanceThresholdKeepsOnlyHighRatings() {
        StructType schema = new StructType().add(Columns.USER, DataTypes.LongType).add(Columns.ITEM, DataTypes.LongType)
                .add(Columns.RATING, DataTypes.DoubleType);
        Dataset<Row> test = spark.createDataFrame(List.of(RowFactory.create(1L, 1L, 8.0), RowFactory.create(1L, 2L, 5.0),
                RowFactory.create(1L, 3L, null)), schema);
        assertEquals(3, Relevance.parse("all").relevant(test).count());
        assertEquals(1, Relevance.parse("rating>=7").relevant(test).count());
    }

    @Test
    void recommendationsDerivedFromTheTruthItselfAreScoredCorrectly() {
        // a self-join case: the "perfect" recommender lists exactly each user's relevant items
        Dataset<Row> truth = spark.createDataFrame(List.of(RowFactory.create(1L, 5L), RowFactory.create(1L, 6L),
                RowFactory.create(2L, 7L)), PAIRS);
        Dataset<Row> recs = truth.withColumn(Columns.RANK, org.apache.spark.sql.functions.row_number()
                        .over(org.apache.spark.sql.expressions.Window.partitionBy(Columns.USER).orderBy(Columns.ITEM)))
                .withColumn(Columns.SCORE, org.apache.spark.sql.functions.lit(1.0));
        LinkedHashMap<String, Double> m = new RankingEvaluator(new int[] {2}, UserSet.TRUTH).evaluate(recs, truth, 0);
        assertEquals(2.0, m.get("users"), 0.0);
        assertEquals(1.0, m.get("ndcg@2"), 1e-12);
        assertEquals(1.0, m.get("recall@2"), 1e-12);
        assertEquals((1.0 + 0.5) / 2, m.get("precision@2"), 1e-12); // user 2 has one item in a list of k = 2
        Dataset<Row> seen = truth.filter("anime_id = 5");
        assertEquals(2, ModelEvaluation.candidatesOnly(recs, seen, truth.select(Columns.ITEM)).count());
    }
}
