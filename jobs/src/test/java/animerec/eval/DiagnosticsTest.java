package animerec.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import animerec.data.Columns;
import animerec.model.Recommendations;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import animerec.testing.ClusteredInteractions;
import animerec.testing.SparkTestSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The report's data from an evaluation: hand-computed curves, activity bins and popularity deciles. */
class DiagnosticsTest {
    private final SparkSession spark = SparkTestSupport.spark();
    private static final StructType PAIRS = new StructType()
            .add(Columns.USER, DataTypes.LongType).add(Columns.ITEM, DataTypes.LongType);

    @Test
    void handComputedCurvesBinsAndDeciles() {
        // user 1: [10, 20, 30], relevant {20, 40}, 1 train interaction; user 2: [20, 40], relevant {40}, 3 train
        // interactions; user 3: no list, relevant {10}, absent from train
        Dataset<Row> recs = spark.createDataFrame(List.of(
                RowFactory.create(1L, 10L, 1, 3.0), RowFactory.create(1L, 20L, 2, 2.0), RowFactory.create(1L, 30L, 3, 1.0),
                RowFactory.create(2L, 20L, 1, 2.0), RowFactory.create(2L, 40L, 2, 1.0)), Recommendations.SCHEMA);
        Dataset<Row> truth = spark.createDataFrame(List.of(
                RowFactory.create(1L, 20L), RowFactory.create(1L, 40L), RowFactory.create(2L, 40L),
                RowFactory.create(3L, 10L)), PAIRS);
        Dataset<Row> activity = spark.createDataFrame(List.of(RowFactory.create(1L, 1L), RowFactory.create(2L, 3L)),
                new StructType().add(Columns.USER, DataTypes.LongType).add("n", DataTypes.LongType));
        Dataset<Row> deciles = spark.createDataFrame(List.of(RowFactory.create(10L, 1, 5L), RowFactory.create(20L, 1, 4L),
                RowFactory.create(30L, 2, 2L), RowFactory.create(40L, 3, 1L)),
                new StructType().add(Columns.ITEM, DataTypes.LongType).add("decile", DataTypes.IntegerType)
                        .add("n", DataTypes.LongType));
        RankingEvaluator evaluator = new RankingEvaluator(new int[] {1, 2}, UserSet.TRUTH);
        RankingEvaluator.Evaluated e = evaluator.evaluate(recs, truth, 4,
                new RankingEvaluator.DiagnosticInputs(activity, deciles, 3));

        // the means are those of the lists cut at the largest K, 2
        LinkedHashMap<String, Double> plain = evaluator.evaluate(recs.filter("rank <= 2"), truth, 4);
        assertEquals(plain, e.metrics());
        assertNull(evaluator.evaluate(recs, truth, 4, null).diagnostics());

        Diagnostics d = e.diagnostics();
        assertEquals(3, d.curve().maxK());
        // precision@3: 1/3 (user 1), 1/3 (user 2, two items listed), 0; recall@3: 1/2, 1, 0
        assertEquals(2.0 / 9, d.curve().precision()[2], 1e-15);
        assertEquals(0.5, d.curve().recall()[2], 1e-15);
        for (int k = 1; k <= 2; k++) {
            assertEquals(e.metrics().get("precision@" + k), d.curve().precision()[k - 1], 1e-15);
            assertEquals(e.metrics().get("recall@" + k), d.curve().recall()[k - 1], 1e-15);
            assertEquals(e.metrics().get("ndcg@" + k), d.curve().ndcg()[k - 1], 1e-15);
        }

        assertEquals(3, d.activity().size());
        Diagnostics.ActivityBin none = d.activity().get(0);
        assertEquals(List.of(0L, 0L, 1L, 0.0), List.of(none.minInteractions(), none.maxInteractions(), none.users(),
                none.ndcg().get(2)));
        Diagnostics.ActivityBin one = d.activity().get(1);
        assertEquals(List.of(1L, 1L, 1L), List.of(one.minInteractions(), one.maxInteractions(), one.users()));
        assertEquals((1 / Math.log(3)) / (1 / Math.log(2) + 1 / Math.log(3)), one.ndcg().get(2), 1e-15);
        Diagnostics.ActivityBin few = d.activity().get(2);
        assertEquals(List.of(2L, 3L, 1L), List.of(few.minInteractions(), few.maxInteractions(), few.users()));
        assertEquals(0.0, few.ndcg().get(1), 0.0);
        assertEquals((1 / Math.log(3)) / (1 / Math.log(2)), few.ndcg().get(2), 1e-15);

        // slots at K=1: items 10 and 20; at K=2: 10, 20 twice, 40
        assertEquals(3, d.deciles().size());
        Diagnostics.Decile d1 = d.deciles().get(0);
        assertEquals(List.of(1, 2L, 4L, 5L), List.of(d1.decile(), d1.items(), d1.minInteractions(), d1.maxInteractions()));
        assertEquals(9.0 / 12, d1.trainShare(), 1e-15);
        assertEquals(Map.of(1, 1.0, 2, 0.75), d1.recommendedShare());
        assertEquals(Map.of(1, 2L, 2, 2L), d1.recommendedItems());
        Diagnostics.Decile d2 = d.deciles().get(1);
        assertEquals(Map.of(1, 0.0, 2, 0.0), d2.recommendedShare());
        assertEquals(2.0 / 12, d2.trainShare(), 1e-15);
        Diagnostics.Decile d3 = d.deciles().get(2);
        assertEquals(Map.of(1, 0.0, 2, 0.25), d3.recommendedShare());
        assertEquals(Map.of(1, 0L, 2, 1L), d3.recommendedItems());
        assertEquals(0.5, e.metrics().get("coverage@1"), 0.0);
        assertEquals(0.75, e.metrics().get("coverage@2"), 0.0);
    }

    @Test
    void decilesCutTheItemsSortedByPopularityIntoTenths() {
        // 12 items; item i has i train interactions, except that items 5 and 6 both have 5 (ties go by id)
        List<Row> rows = new ArrayList<>();
        for (long item = 1; item <= 12; item++) {
            long n = item == 6 ? 5 : item;
            for (long u = 1; u <= n; u++) {
                rows.add(RowFactory.create(u, item));
            }
        }
        Dataset<Row> seen = spark.createDataFrame(rows, PAIRS);
        List<Row> out = ModelEvaluation.popularityDeciles(seen, 12).orderBy("decile", Columns.ITEM).collectAsList();
        long[] items = out.stream().mapToLong(r -> r.getLong(0)).toArray();
        int[] deciles = out.stream().mapToInt(r -> r.getInt(1)).toArray();
        // sorted: 12, 11, 10, 9, 8, 7, 5, 6, 4, 3, 2, 1 at positions 0..11; decile = position * 10 / 12 + 1
        assertArrayEquals(new long[] {11, 12, 10, 9, 8, 7, 5, 6, 4, 3, 2, 1}, items);
        assertArrayEquals(new int[] {1, 1, 2, 3, 4, 5, 6, 6, 7, 8, 9, 10}, deciles);
    }

    @Test
    void harnessWithDiagnosticsKeepsItsMetricsAndAccountsForEveryUserAndSlot() {
        Dataset<Row> all = ClusteredInteractions.interactions(spark, 60, 40, 4, 6, 3, 5L);
        Dataset<Row>[] parts = all.randomSplit(new double[] {0.75, 0.25}, 3L);
        Dataset<Row> train = parts[0].cache();
        Dataset<Row> test = parts[1].cache();
        animerec.model.Recommender family = animerec.catalog.ModelCatalog.get("popularity");
        RecommenderModel model = family.fit(TrainingData.of(train), family.params(Map.of()), 1L);
        ModelEvaluation.Settings plain = new ModelEvaluation.Settings(new int[] {5, 10}, Relevance.allHeldOut(), UserSet.TRUTH);
        ModelEvaluation.Result a = ModelEvaluation.run(model, train, test, plain);
        ModelEvaluation.Result b = ModelEvaluation.run(model, train, test, plain.withCurveK(30));
        assertEquals(a.metrics(), b.metrics());
        assertNull(a.diagnostics());
        Diagnostics d = b.diagnostics();
        assertNotNull(d);
        assertEquals(10, b.recommendations().agg(org.apache.spark.sql.functions.max(Columns.RANK)).first().getInt(0));
        assertEquals(30, d.curve().ndcg().length);
        assertEquals(a.metrics().get("ndcg@10"), d.curve().ndcg()[9], 1e-12);
        assertEquals(a.metrics().get("users"), (double) d.activity().stream().mapToLong(Diagnostics.ActivityBin::users).sum());
        assertEquals(10, d.deciles().size());
        for (int k : new int[] {5, 10}) {
            int kk = k;
            assertEquals(1.0, d.deciles().stream().mapToDouble(x -> x.recommendedShare().get(kk)).sum(), 1e-12);
            assertEquals(a.metrics().get("coverage@" + k) * d.catalogSize(),
                    (double) d.deciles().stream().mapToLong(x -> x.recommendedItems().get(kk)).sum(), 1e-9);
        }
        assertEquals(1.0, d.deciles().stream().mapToDouble(Diagnostics.Decile::trainShare).sum(), 1e-12);
        assertEquals(d.catalogSize(), d.deciles().stream().mapToLong(Diagnostics.Decile::items).sum());
        a.release();
        b.release();
    }
}
