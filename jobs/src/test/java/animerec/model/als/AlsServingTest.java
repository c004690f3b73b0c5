package animerec.model.als;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.catalog.ModelCatalog;
import animerec.data.Columns;
import animerec.model.Recommender;
import animerec.model.serving.Servable;
import animerec.model.TrainingData;
import animerec.model.serving.Query;
import animerec.model.serving.Scored;
import animerec.model.serving.ServingModel;
import animerec.testing.ClusteredInteractions;
import animerec.testing.SparkTestSupport;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;

/**
 * The fold-in of served implicit als: MLlib's last half-step solves each user's vector against the final item
 * factors, so folding a training user's own items back in (binary confidence: every r = 1) must give that user's
 * trained vector again, hence the same list and scores (to float rounding). A wrong α, a missing λ·n scaling or a
 * wrong Gram matrix moves the vector and fails this.
 */
@Tag("slow") // scripts/test-slow runs it (the default suite is at its 15-minute bound on 2 cores)
class AlsServingTest {
    /** {@code als} solves exactly here ({@code cg_steps=0}): three CG steps leave users near, not at, their solution. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"als, 0", "als-mllib, -1"})
    void foldingInAUsersOwnItemsGivesTheirTrainedList(String family, int cgSteps) {
        SparkSession spark = SparkTestSupport.spark();
        Dataset<Row> train = ClusteredInteractions.interactions(spark, 120, 80, 4, 10, 3, 5);
        Recommender als = ModelCatalog.get(family);
        Map<String, String> params = new java.util.HashMap<>(Map.of("rank", "6", "max_iter", "6", "confidence", "binary",
                "alpha", "2.0", "reg_param", "0.1"));
        if (cgSteps >= 0) {
            params.put("cg_steps", String.valueOf(cgSteps));
        }
        var model = als.fit(TrainingData.of(train), als.params(params), 9);
        ServingModel served = animerec.testing.Served.saveAndServe(als, model);
        assertTrue(served.foldsIn(), "implicit als folds in liked items");
        List<Row> users = train.groupBy(Columns.USER).agg(org.apache.spark.sql.functions.sort_array(
                org.apache.spark.sql.functions.collect_set(Columns.ITEM)).as("items")).orderBy(Columns.USER).limit(25).collectAsList();
        for (Row u : users) {
            long[] history = u.<Long>getList(1).stream().mapToLong(Long::longValue).toArray();
            List<Scored> trained = served.recommend(new Query(u.getLong(0), history), 10);
            List<Scored> folded = served.recommend(Query.liked(history), 10);
            assertEquals(10, trained.size());
            assertEquals(trained.stream().map(Scored::item).toList(), folded.stream().map(Scored::item).toList(),
                    "user " + u.getLong(0) + ": the folded-in list");
            for (int i = 0; i < 10; i++) {
                assertEquals(trained.get(i).score(), folded.get(i).score(), 1e-3 * Math.max(1, Math.abs(trained.get(i).score())),
                        "user " + u.getLong(0) + " rank " + (i + 1));
            }
        }
    }
}
