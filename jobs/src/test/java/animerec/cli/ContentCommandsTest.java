package animerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.data.Columns;
import animerec.model.ParamMap;
import animerec.model.content.ContentKind;
import animerec.model.content.ItemFeatures;
import animerec.model.content.ItemNeighbours;
import animerec.model.content.SparseTopK;
import animerec.testing.SparkTestSupport;
import animerec.util.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** features, similar and recommend --liked from the command line, on the sample and on the real anime catalogue. */
class ContentCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void featuresSimilarAndColdStartRecommendationsOnTheSample() throws Exception {
        SparkTestSupport.spark();
        String data = tmp.resolve("data").toString();
        String artifacts = tmp.resolve("artifacts").toString();
        assertEquals(0, CliRunner.run("generate", "--users", "150", "--items", "400", "--interactions", "3000",
                "--out", data).exitCode());
        CliRunner.Result f = CliRunner.run("features", "--data", data, "--neighbours", "5");
        assertEquals(0, f.exitCode(), f.out() + f.err());
        for (String kind : List.of("genre", "tfidf", "embedding")) {
            JsonNode m = Json.MAPPER.readTree(Files.readString(tmp.resolve("data/features/" + kind + "/manifest.json")));
            assertEquals(400, m.path("items").asLong(), kind);
            assertEquals(5, m.path("neighbours_per_item").asInt(), kind);
            assertFalse(m.path("items_fingerprint").asText().isEmpty(), kind);
            assertTrue(m.path("dimension").asInt() > 0, kind);
        }
        CliRunner.Result s = CliRunner.run("similar", "--data", data, "--model", "genre", "--item", "1", "--k", "5");
        assertEquals(0, s.exitCode(), s.err());
        assertFalse(s.out().contains("building"), "stored features are used: " + s.out());
        assertTrue(s.out().lines().anyMatch(l -> l.startsWith("5 ")), s.out());

        CliRunner.Result missing = CliRunner.run("similar", "--data", data, "--model", "tfidf", "--item", "999999");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("item 999999 is not in"), missing.err());

        String split = tmp.resolve("split").toString();
        assertEquals(0, CliRunner.run("split", "--data", data, "--out", split).exitCode());
        CliRunner.Result t = CliRunner.run("train", "--model", "tfidf", "--split", split, "--artifacts", artifacts,
                "--experiments", tmp.resolve("exp").toString());
        assertEquals(0, t.exitCode(), t.out() + t.err());
        CliRunner.Result liked = CliRunner.run("recommend", "--model", "tfidf", "--liked", "1,2,3", "--k", "10",
                "--artifacts", artifacts);
        assertEquals(0, liked.exitCode(), liked.err());
        List<String> lines = liked.out().lines().filter(l -> l.matches("\\d+,\\d+,.*")).toList();
        assertEquals(10, lines.size(), liked.out());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("1,") || l.startsWith("2,") || l.startsWith("3,")),
                "liked items are not recommended back");
        CliRunner.Result fallback = CliRunner.run("recommend", "--model", "tfidf", "--users", "1,987654",
                "--artifacts", artifacts);
        assertEquals(0, fallback.exitCode(), fallback.err());
        assertTrue(fallback.err().contains("note: 1 of the requested users is not in the training data (e.g. 987654); "
                + "they get the most popular items (popularity fallback)"), fallback.err());
        assertTrue(fallback.out().lines().filter(l -> l.startsWith("987654,")).count() == 10, fallback.out());
    }

    @Test
    void similarPrintsNamesWithoutHtmlEntitiesEvenFromAnOlderIngest() {
        SparkSession spark = SparkTestSupport.spark();
        String data = tmp.resolve("old").toString();
        // as an ingest before HTML4 unescaping wrote them: entities left in the names
        List<Row> rows = List.of(
                RowFactory.create(1L, "Rin x Sen + Ran -&gt; Sem: Cross Mix", scala.jdk.javaapi.CollectionConverters
                        .asScala(List.of("Action", "Ecchi")).toSeq(), null, null, null, null),
                RowFactory.create(2L, "Tom &amp; Jerry&#039;s &hearts;", scala.jdk.javaapi.CollectionConverters
                        .asScala(List.of("Action")).toSeq(), null, null, null, null));
        spark.createDataFrame(rows, Columns.ITEMS).write().parquet(data + "/items");
        CliRunner.Result s = CliRunner.run("similar", "--data", data, "--model", "genre", "--item", "1", "--k", "1");
        assertEquals(0, s.exitCode(), s.out() + s.err());
        assertTrue(s.out().contains("Rin x Sen + Ran -> Sem: Cross Mix"), s.out());
        assertTrue(s.out().contains("Tom & Jerry's \u2665"), s.out());
        assertFalse(java.util.regex.Pattern.compile("&[a-zA-Z]+;|&#[0-9]+;").matcher(s.out()).find(), s.out());
    }

    @Test
    void theRealAnimeCatalogueWithoutRatings() throws Exception {
        Path anime = SparkTestSupport.sharedDataOrSkip("anime-kaggle/anime.csv");
        SparkSession spark = SparkTestSupport.spark();
        Path raw = Files.createDirectories(tmp.resolve("raw"));
        Files.copy(anime, raw.resolve("anime.csv"));
        String data = tmp.resolve("anime").toString();
        CliRunner.Result in = CliRunner.run("ingest", "--format", "kaggle-anime", "--input", raw.toString(), "--out", data);
        assertEquals(0, in.exitCode(), in.out() + in.err());

        Dataset<Row> items = spark.read().parquet(data + "/items");
        Map<Long, Set<String>> genres = new java.util.HashMap<>();
        for (Row r : items.select(Columns.ITEM, Columns.GENRES).collectAsList()) {
            genres.put(r.getLong(0), r.isNullAt(1) ? Set.of() : new HashSet<>(r.<String>getList(1)));
        }
        ItemFeatures.Built genre = ItemFeatures.build(items, ContentKind.GENRE,
                ParamMap.of("genre", ContentKind.GENRE.recommenderParams(), Map.of()), 42);
        List<ItemNeighbours.Neighbour> fma = ItemNeighbours.of(genre.vectors(), 5114, 10, SparseTopK.defaults());
        assertEquals(10, fma.size());
        for (ItemNeighbours.Neighbour n : fma) {
            Set<String> shared = new HashSet<>(genres.get(n.item()));
            shared.retainAll(genres.get(5114L));
            assertTrue(shared.size() >= 3, n + " shares only " + shared);
        }
        CliRunner.Result s = CliRunner.run("similar", "--data", data, "--model", "tfidf", "--item", "20", "--diversity", "0");
        assertEquals(0, s.exitCode(), s.err());
        assertTrue(s.out().contains("Naruto: Shippuuden"), s.out());
        // the README's example: tfidf's first for Naruto is Naruto x UT, with and without the franchise re-ranking
        assertTrue(s.out().lines().anyMatch(l -> l.matches("1\\s+10075\\s+\\S+\\s+Naruto x UT\\s.*")), s.out());
        assertTrue(s.out().lines().anyMatch(l -> l.matches("\\d+\\s+1735\\s.*")), s.out());
        // by default the franchise re-ranking moves Naruto's own sequels and movies down
        CliRunner.Result d = CliRunner.run("similar", "--data", data, "--model", "tfidf", "--item", "20");
        assertEquals(0, d.exitCode(), d.err());
        assertTrue(d.out().lines().anyMatch(l -> l.matches("1\\s+10075\\s+\\S+\\s+Naruto x UT\\s.*")), d.out());
        int plain = sameFranchise(s.out());
        int diverse = sameFranchise(d.out());
        assertTrue(plain >= 5 && diverse <= plain - 3, "plain " + plain + ", diversified " + diverse + ":\n" + s.out() + d.out());
    }

    private static int sameFranchise(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) of 10 look like the seed's franchise").matcher(out);
        assertTrue(m.find(), out);
        return Integer.parseInt(m.group(1));
    }
}
