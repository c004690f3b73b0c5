package animerec.split;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.data.Columns;
import animerec.data.Fingerprints;
import animerec.testing.SparkTestSupport;
import animerec.util.Json;
import animerec.util.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SplitterTest {
    private static SparkSession spark;
    private static Dataset<Row> interactions;

    @TempDir
    Path tmp;

    @BeforeAll
    static void data() {
        spark = SparkTestSupport.spark();
        Random rnd = new Random(7);
        List<Row> rows = new ArrayList<>();
        for (long u = 1; u <= 300; u++) {
            int n = 1 + rnd.nextInt(40);
            for (int i = 0; i < n; i++) {
                rows.add(RowFactory.create(u, (u * 7 + i * 13) % 500, (double) (1 + rnd.nextInt(10)),
                        1_500_000_000L + rnd.nextInt(1_000_000)));
            }
        }
        interactions = spark.createDataFrame(rows, Columns.INTERACTIONS).dropDuplicates(Columns.USER, Columns.ITEM).cache();
    }

    @ParameterizedTest
    @EnumSource(value = SplitStrategy.class, names = {"RANDOM", "TEMPORAL", "LEAVE_ONE_OUT"})
    void deterministicForASeedAndLeakFree(SplitStrategy strategy) {
        Splitter.Split a = Splitter.split(interactions, strategy, 0.25, 11);
        // a different partitioning and row order must not change the split
        Splitter.Split b = Splitter.split(interactions.repartition(7).orderBy(col(Columns.ITEM).desc()), strategy, 0.25, 11);
        assertEquals(Fingerprints.of(a.train()), Fingerprints.of(b.train()));
        assertEquals(Fingerprints.of(a.test()), Fingerprints.of(b.test()));

        // no test pair in train, and nothing lost or invented
        assertEquals(0, a.test().select(Columns.USER, Columns.ITEM)
                .intersect(a.train().select(Columns.USER, Columns.ITEM)).count());
        assertEquals(interactions.count(), a.train().count() + a.test().count());
        assertEquals(0, interactions.except(a.train().union(a.test())).count());
        // every test user keeps at least one train interaction
        assertEquals(0, a.test().select(Columns.USER).distinct().except(a.train().select(Columns.USER).distinct()).count());
    }

    @Test
    void coldItemsHoldsOutWholeItemsDeterministically() {
        long items = interactions.select(Columns.ITEM).distinct().count();
        Splitter.Split a = Splitter.split(interactions, SplitStrategy.COLD_ITEMS, 0.1, 3);
        Splitter.Split b = Splitter.split(interactions.repartition(5).orderBy(col(Columns.USER).desc()), SplitStrategy.COLD_ITEMS, 0.1, 3);
        assertEquals(Fingerprints.of(a.test()), Fingerprints.of(b.test()));
        Dataset<Row> cold = a.test().select(Columns.ITEM).distinct();
        assertEquals(Math.round(items * 0.1), cold.count());
        assertEquals(0, a.train().join(cold, new String[] {Columns.ITEM}, "left_semi").count(), "no cold item in train");
        assertEquals(interactions.count(), a.train().count() + a.test().count());
        Splitter.Split c = Splitter.split(interactions, SplitStrategy.COLD_ITEMS, 0.1, 4);
        assertTrue(c.test().select(Columns.ITEM).distinct().except(cold).count() > 0, "another seed, other items");
    }

    @Test
    void differentSeedsGiveDifferentRandomSplits() {
        Splitter.Split a = Splitter.split(interactions, SplitStrategy.RANDOM, 0.25, 11);
        Splitter.Split b = Splitter.split(interactions, SplitStrategy.RANDOM, 0.25, 12);
        assertNotEquals(Fingerprints.of(a.test()), Fingerprints.of(b.test()));
    }

    @Test
    void randomHoldsOutTheRoundedShareOfEachUser() {
        Splitter.Split s = Splitter.split(interactions, SplitStrategy.RANDOM, 0.25, 3);
        Dataset<Row> n = interactions.groupBy(Columns.USER).count().withColumnRenamed("count", "n");
        Dataset<Row> t = s.test().groupBy(Columns.USER).count().withColumnRenamed("count", "t");
        for (Row r : n.join(t, Columns.USER, "left").collectAsList()) {
            long total = r.getLong(1);
            long test = r.isNullAt(2) ? 0 : r.getLong(2);
            assertEquals(Math.min(Math.round(total * 0.25), total - 1), test, "user " + r.getLong(0));
        }
    }

    @Test
    void temporalTestIsNeverOlderThanTrain() {
        Splitter.Split s = Splitter.split(interactions, SplitStrategy.TEMPORAL, 0.3, 3);
        Dataset<Row> lastTrain = s.train().groupBy(Columns.USER).agg(max(Columns.TIMESTAMP).as("last_train"));
        Dataset<Row> firstTest = s.test().groupBy(Columns.USER).agg(min(Columns.TIMESTAMP).as("first_test"));
        assertEquals(0, lastTrain.join(firstTest, Columns.USER).filter(col("first_test").lt(col("last_train"))).count());
    }

    @Test
    void leaveOneOutHoldsOutExactlyTheLatestOne() {
        Splitter.Split s = Splitter.split(interactions, SplitStrategy.LEAVE_ONE_OUT, 0, 3);
        long usersWithTwoOrMore = interactions.groupBy(Columns.USER).count().filter(col("count").geq(2)).count();
        assertEquals(usersWithTwoOrMore, s.test().count());
        assertEquals(usersWithTwoOrMore, s.test().select(Columns.USER).distinct().count());
    }

    @Test
    void temporalWithoutTimestampsIsAClearError() {
        Dataset<Row> noTime = interactions.withColumn(Columns.TIMESTAMP, org.apache.spark.sql.functions.lit(null).cast("long"));
        UserError e = assertThrows(UserError.class, () -> Splitter.split(noTime, SplitStrategy.TEMPORAL, 0.2, 1));
        assertTrue(e.getMessage().contains("timestamps"));
    }

    @Test
    void writtenSplitHasManifestAndValidationCarveOut() {
        Splitter.Split s = Splitter.split(interactions, SplitStrategy.RANDOM, 0.25, 5);
        Splitter.Split v = Splitter.split(s.train(), SplitStrategy.RANDOM, 0.2, 6);
        var description = Json.object();
        description.put("strategy", "random");
        description.put("seed", 5);
        SplitData written = SplitData.write(spark, tmp.resolve("split").toString(), s, v, null, description);
        assertEquals(s.train().count(), written.manifest().path("rows").path("train").asLong());
        assertEquals(s.test().count(), written.manifest().path("rows").path("test").asLong());
        assertEquals(s.train().count(), written.validationTrain().count() + written.validationTest().count());
        assertEquals(0, written.validationTest().except(s.train()).count());
        assertTrue(written.splitId().startsWith("split-"));
        // the same split written again has the same id
        SplitData again = SplitData.write(spark, tmp.resolve("split2").toString(), s, null, null, description);
        assertEquals(written.splitId(), again.splitId());
    }
}
