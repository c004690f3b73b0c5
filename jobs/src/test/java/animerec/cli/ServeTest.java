package animerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.data.Columns;
import animerec.data.Datasets;
import animerec.model.content.ContentKind;
import animerec.model.content.FeatureSimilarity;
import animerec.model.content.FeatureStore;
import animerec.model.content.FranchiseDiversifier;
import animerec.model.content.ItemNeighbours;
import animerec.model.content.SparseTopK;
import animerec.testing.SparkTestSupport;
import animerec.util.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code animerec serve} against the batch commands on one pipeline's registry ({@link ServeFixture}): every served
 * model's list for 100 users equals {@code animerec recommend}'s for the same version (items and order exactly,
 * scores to 1e-9), every similar list for 100 items equals the batch's (genre: {@code animerec similar}'s rule on the
 * stored features; cf: item-knn's saved neighbour table), and bad requests get a 4xx JSON error while good ones, interleaved, keep being answered.
 */
class ServeTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String url) throws Exception {
        HttpResponse<String> r = get(url);
        assertEquals(200, r.statusCode(), url + " -> " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), url);
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    @Tag("slow") // scripts/test-slow runs it (five batch recommends; the default suite is at its 15-minute bound)
    void everyServedListEqualsTheBatchRecommendForTheSameVersion() throws Exception {
        ServeFixture f = ServeFixture.get();
        JsonNode models = json(f.base() + "/models");
        List<String> keys = new ArrayList<>();
        models.path("models").forEach(m -> keys.add(m.path("model").asText()));
        assertTrue(keys.containsAll(List.of("popularity@v1.0", "item-knn@v1.0", "als@v1.0")), keys.toString());
        // 100 users of the training data
        List<Long> users = new ArrayList<>();
        for (long u = 0; users.size() < 100 && u < 10_000; u++) {
            if (get(f.base() + "/recommend?model=popularity&k=1&user=" + u).statusCode() == 200) {
                users.add(u);
            }
        }
        assertEquals(100, users.size(), "100 training users");
        String ids = users.stream().map(String::valueOf).collect(Collectors.joining(","));
        int compared = 0;
        for (String key : keys) {
            CliRunner.Result batch = CliRunner.run("recommend", "--artifacts", f.root.resolve("pipe/artifacts").toString(),
                    "--model", key, "--users", ids, "--k", "10", "--quiet");
            assertEquals(0, batch.exitCode(), batch.err());
            Map<Long, List<String[]>> expected = new HashMap<>();
            for (String line : batch.out().split("\n")) {
                String[] c = line.split(",");
                if (c.length >= 4 && !c[0].equals("user_id")) {
                    expected.computeIfAbsent(Long.parseLong(c[0]), x -> new ArrayList<>()).add(c);
                }
            }
            for (long u : users) {
                JsonNode got = json(f.base() + "/recommend?model=" + key + "&k=10&user=" + u).path("items");
                List<String[]> want = expected.getOrDefault(u, List.of());
                assertEquals(want.size(), got.size(), key + " user " + u + ": list length");
                for (int i = 0; i < want.size(); i++) {
                    JsonNode g = got.get(i);
                    assertEquals(Long.parseLong(want.get(i)[1]), g.path("item").asLong(), key + " user " + u + " rank " + (i + 1));
                    assertEquals(i + 1, g.path("rank").asInt());
                    double s = Double.parseDouble(want.get(i)[3]);
                    assertEquals(s, g.path("score").asDouble(), 1e-9 * Math.max(1, Math.abs(s)), key + " user " + u + " score");
                }
                compared += want.size();
            }
        }
        assertTrue(compared >= 100 * 10 * 3, "lists compared: " + compared);
    }

    @Test
    @Tag("slow") // scripts/test-slow runs it (a Spark job per item and k)
    void everySimilarListEqualsTheBatchForTheSameFeaturesAndModel() throws Exception {
        ServeFixture f = ServeFixture.get();
        SparkSession spark = SparkTestSupport.spark();
        String data = f.root.resolve("pipe/data").toString();
        JsonNode models = json(f.base() + "/models?examples=100");
        List<Long> items = new ArrayList<>();
        models.path("example_items").forEach(i -> items.add(i.asLong()));
        assertEquals(100, items.size(), "100 training items");
        Map<Long, String> names = new HashMap<>();
        for (Row r : Datasets.readItemsOrNull(spark, data).select(Columns.ITEM, Columns.NAME).collectAsList()) {
            if (!r.isNullAt(1)) {
                names.put(r.getLong(0), r.getString(1));
            }
        }
        // genre, as `animerec similar` computes it (SimilarService's rule): the stored features' lists when they
        // keep the pool (k 4: pool 20 = the 20 stored), else the exact top of the stored vectors (k 10: pool 50);
        // then the franchise re-ranking at the default diversity
        FeatureStore.Stored stored = FeatureStore.read(spark, data, ContentKind.GENRE);
        Map<Long, List<Row>> lists = new HashMap<>();
        for (Row r : stored.neighbours().orderBy(Columns.RANK).collectAsList()) {
            lists.computeIfAbsent(r.getLong(0), x -> new ArrayList<>()).add(r);
        }
        int compared = 0;
        for (int k : new int[] {4, 10}) {
            int pool = 5 * k;
            for (long item : items) {
                List<FranchiseDiversifier.Scored> candidates = new ArrayList<>();
                if (stored.neighboursPerItem() >= pool) {
                    lists.getOrDefault(item, List.of()).stream().filter(r -> r.getInt(2) <= pool)
                            .forEach(r -> candidates.add(new FranchiseDiversifier.Scored(r.getLong(1), r.getDouble(3))));
                } else {
                    ItemNeighbours.of(stored.vectors(), item, pool, SparseTopK.defaults())
                            .forEach(n -> candidates.add(new FranchiseDiversifier.Scored(n.item(), n.similarity())));
                }
                List<FranchiseDiversifier.Scored> want = FranchiseDiversifier.rerank(candidates, names,
                        names.containsKey(item) ? List.of(names.get(item)) : List.of(), FeatureSimilarity.DEFAULT_DIVERSITY, k);
                JsonNode got = json(f.base() + "/similar?kind=genre&k=" + k + "&item=" + item).path("lists").get(0).path("items");
                assertSameItems(want.stream().map(x -> new double[] {x.item(), x.score()}).toList(), got, "genre k " + k + " item " + item);
                compared += want.size();
            }
        }
        // cf: item-knn's saved neighbour table, most similar first, ties to the lower id
        String knn = f.root.resolve("pipe/artifacts/models/item-knn/v1.0/data/neighbours").toString();
        Map<Long, List<double[]>> neighbours = new HashMap<>();
        for (Row r : spark.read().parquet(knn).orderBy(org.apache.spark.sql.functions.col("sim").desc(),
                org.apache.spark.sql.functions.col("neighbour_id")).collectAsList()) {
            neighbours.computeIfAbsent(r.getLong(0), x -> new ArrayList<>()).add(new double[] {r.getLong(1), r.getDouble(2)});
        }
        for (long item : items) {
            List<double[]> all = neighbours.getOrDefault(item, List.of());
            JsonNode got = json(f.base() + "/similar?kind=cf&k=10&item=" + item).path("lists").get(0).path("items");
            assertSameItems(all.subList(0, Math.min(10, all.size())), got, "cf item " + item);
            compared += Math.min(10, all.size());
        }
        assertTrue(compared >= 100 * (4 + 10 + 10) * 9 / 10, "similar items compared: " + compared);
    }

    /** {@code want}: {item, score} pairs by rank; scores exactly (JSON keeps a double to the bit). */
    private static void assertSameItems(List<double[]> want, JsonNode got, String what) {
        assertEquals(want.size(), got.size(), what + ": list length");
        for (int i = 0; i < want.size(); i++) {
            assertEquals((long) want.get(i)[0], got.get(i).path("item").asLong(), what + " rank " + (i + 1));
            assertEquals(want.get(i)[1], got.get(i).path("score").asDouble(), 0.0, what + " rank " + (i + 1) + " score");
        }
    }

    @Test
    void badRequestsGetAJsonErrorAndTheServerKeepsAnswering() throws Exception {
        ServeFixture f = ServeFixture.get();
        String good = f.base() + "/recommend?model=item-knn&k=5&user=" + firstUser(f);
        String[][] bad = {
            {"/recommend?user=99999999", "404", "unknown user"},
            {"/recommend?user=abc", "400", "whole number"},
            {"/recommend?user=1&k=0", "400", "between 1 and"},
            {"/recommend?user=1&k=1000000000", "400", "between 1 and"},
            {"/recommend?liked=1,,2", "400", "empty entry"},
            {"/recommend?liked=1,x", "400", "whole number"},
            {"/recommend?liked=123456789", "404", "unknown item"},
            {"/recommend", "400", "exactly one"},
            {"/recommend?user=1&liked=2", "400", "exactly one"},
            {"/recommend?model=nope&user=1", "404", "not served"},
            {"/similar?item=123456789", "404", "unknown item"},
            {"/similar?item=1&kind=bogus", "400", "not served"},
            {"/items", "400", "give q"},
            {"/recommend?user=1&colour=red", "400", "unknown parameter"},
            {"/nowhere", "404", "no such path"},
            {"/recommend?user=" + "9".repeat(9000), "414", "characters"},
        };
        for (String[] b : bad) {
            HttpResponse<String> r = get(f.base() + b[0]);
            assertEquals(Integer.parseInt(b[1]), r.statusCode(), b[0] + " -> " + r.body());
            JsonNode e = Json.MAPPER.readTree(r.body());
            assertEquals(r.statusCode(), e.path("status").asInt(), r.body());
            assertTrue(e.path("error").asText().contains(b[2]), b[0] + " -> " + r.body());
            assertTrue(!r.body().contains("Exception") && !r.body().contains("\tat "), r.body());
            assertEquals(5, json(good).path("items").size(), "a good request after " + b[0]);
        }
        JsonNode metrics = json(f.base() + "/metrics");
        assertTrue(metrics.path("routes").path("/recommend").path("status").path("400").asLong() >= 8, metrics.toString());
        assertTrue(metrics.path("routes").path("/recommend").path("latency_ms").path("p99").asDouble() > 0, metrics.toString());
    }

    private static long firstUser(ServeFixture f) throws Exception {
        return json(f.base() + "/models").path("models").get(0).path("example_users").get(0).asLong();
    }
}
