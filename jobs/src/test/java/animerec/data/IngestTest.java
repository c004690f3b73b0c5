package animerec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.data.ingest.Ingest;
import animerec.data.ingest.InteractionLineParser;
import animerec.data.ingest.ItemLineParser;
import animerec.data.ingest.RatingRules;
import animerec.testing.SparkTestSupport;
import animerec.util.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestTest {
    private final SparkSession spark = SparkTestSupport.spark();

    @TempDir
    Path tmp;

    private static Ingest.Source movieLensData(Path file) {
        return new Ingest.Source(file.toString(), "UTF-8",
                InteractionLineParser.byPosition('\t', 0, 1, 2, 3, false, RatingRules.scale(1, 5)));
    }

    @Test
    void movieLens100kWritesEveryRatingAndItem() {
        Path ml = SparkTestSupport.sharedDataOrSkip("ml-100k");
        Ingest.Report r = Ingest.run(spark, movieLensData(ml.resolve("u.data")),
                new Ingest.Source(ml.resolve("u.item").toString(), "ISO-8859-1", ItemLineParser.movieLens()),
                tmp.resolve("ml").toString());
        assertEquals(100_000, r.interactions().written());
        assertEquals(0, r.interactions().quarantined());
        assertEquals(1_682, r.items().written());
        assertEquals(100_000, spark.read().parquet(tmp.resolve("ml/interactions").toString()).count());
        Row toyStory = spark.read().parquet(tmp.resolve("ml/items").toString()).filter("anime_id = 1").first();
        assertEquals("Toy Story (1995)", toyStory.getString(1));
        assertEquals(List.of("Animation", "Children's", "Comedy"), toyStory.getList(2));
    }

    @Test
    void corruptedMovieLensCopyReconcilesAndQuarantinesEveryBadRow() throws IOException {
        Path ml = SparkTestSupport.sharedDataOrSkip("ml-100k");
        List<String> lines = new ArrayList<>(Files.readAllLines(ml.resolve("u.data"), StandardCharsets.UTF_8));
        List<String> bad = List.of(
                "abc\t10\t3\t881250949",        // non-numeric user id
                "196\tx42\t3\t881250949",       // non-numeric item id
                "196\t242",                     // missing fields
                "196\t242\t7\t881250949",       // rating above the scale
                "196\t242\t0\t881250949",       // rating below the scale
                "196\t242\tgood\t881250949",    // non-numeric rating
                "\"196\t242\t3\t881250949",     // unterminated quote: unparseable
                "",                             // empty line
                "196\t242\t3\tyesterday");      // non-numeric timestamp
        // duplicates of existing pairs: user 196 rated item 242 with 3 at 881250949; a later 1 must win
        List<String> duplicates = List.of("196\t242\t1\t999999999", "186\t302\t2\t100");
        List<String> corrupted = new ArrayList<>(lines);
        for (int i = 0; i < bad.size(); i++) {
            corrupted.add(1000 * (i + 1), bad.get(i));
        }
        corrupted.addAll(duplicates);
        Path copy = tmp.resolve("u.data");
        Files.write(copy, corrupted, StandardCharsets.UTF_8);

        Ingest.Report r = Ingest.run(spark, movieLensData(copy), null, tmp.resolve("out").toString());
        Ingest.TableReport t = r.interactions();
        assertEquals(corrupted.size(), t.rowsRead());
        assertEquals(bad.size(), t.quarantined());
        assertEquals(duplicates.size(), t.duplicatesDropped());
        assertEquals(100_000, t.written());
        assertTrue(t.reconciles());
        assertEquals(t.rowsRead(), t.written() + t.quarantined() + t.duplicatesDropped());

        List<Row> q = spark.read().parquet(tmp.resolve("out/quarantine").toString()).collectAsList();
        Set<String> rawQuarantined = q.stream().map(row -> row.getString(2)).collect(Collectors.toSet());
        assertEquals(new HashSet<>(bad), rawQuarantined);
        for (Row row : q) {
            assertTrue(row.getString(3) != null && !row.getString(3).isBlank(), "every row has a reason");
        }
        assertEquals(2L, t.reasons().get("rating outside the scale"));
        assertEquals(1L, t.reasons().get("non-numeric user id"));
        assertEquals(1L, t.reasons().get("empty line"));

        Row kept = spark.read().parquet(tmp.resolve("out/interactions").toString())
                .filter("user_id = 196 and anime_id = 242").first();
        assertEquals(1.0, kept.getDouble(2), 0.0); // the latest timestamp wins
        Row olderKept = spark.read().parquet(tmp.resolve("out/interactions").toString())
                .filter("user_id = 186 and anime_id = 302").first();
        assertEquals(3.0, olderKept.getDouble(2), 0.0); // the original (later) row beats the older duplicate
        assertTrue(Files.exists(tmp.resolve("out/ingest-report.json")));
    }

    @Test
    void kaggleStyleUnratedMarkerIsKeptAsImplicitOrDropped() throws IOException {
        Path csv = tmp.resolve("rating.csv");
        Files.writeString(csv, "user_id,anime_id,rating\n1,20,-1\n1,21,8\n2,20,11\n");
        RatingRules keep = new RatingRules(1, 10, -1.0, true);
        Ingest.Report r = Ingest.run(spark, new Ingest.Source(csv.toString(), "UTF-8",
                InteractionLineParser.byName(',', "user_id", "anime_id", "rating", null, keep)), null, tmp.resolve("k").toString());
        assertEquals(3, r.interactions().rowsRead());
        assertEquals(2, r.interactions().written());
        assertEquals(1, r.interactions().quarantined()); // rating 11 outside 1..10
        Row implicit = spark.read().parquet(tmp.resolve("k/interactions").toString()).filter("anime_id = 20").first();
        assertNull(implicit.get(2));

        RatingRules drop = new RatingRules(1, 10, -1.0, false);
        Ingest.Report dropped = Ingest.run(spark, new Ingest.Source(csv.toString(), "UTF-8",
                InteractionLineParser.byName(',', "user_id", "anime_id", "rating", null, drop)), null, tmp.resolve("d").toString());
        assertEquals(1, dropped.interactions().written());
        assertEquals(2, dropped.interactions().quarantined());
    }

    @Test
    void anEmptyRatingFieldIsWatchedUnrated() throws IOException {
        Path csv = tmp.resolve("ratings.csv");
        Files.writeString(csv, "user_id,anime_id,rating\n1,20,\n1,21,8\n2,20,\"\"\n");
        Ingest.Report kept = Ingest.run(spark, new Ingest.Source(csv.toString(), "UTF-8",
                InteractionLineParser.byName(',', "user_id", "anime_id", "rating", null, RatingRules.scale(1, 10))),
                null, tmp.resolve("e").toString());
        assertEquals(3, kept.interactions().written());
        assertEquals(2, spark.read().parquet(tmp.resolve("e/interactions").toString()).filter("rating is null").count());

        Ingest.Report dropped = Ingest.run(spark, new Ingest.Source(csv.toString(), "UTF-8",
                InteractionLineParser.byName(',', "user_id", "anime_id", "rating", null, new RatingRules(1, 10, null, false))),
                null, tmp.resolve("f").toString());
        assertEquals(1, dropped.interactions().written());
        assertEquals(2L, dropped.interactions().reasons().get("unrated dropped"));
    }

    @Test
    void kaggleAnimeItemsParseQuotedGenres() {
        Path anime = SparkTestSupport.sharedDataOrSkip("anime-kaggle/anime.csv");
        Ingest.Report r = Ingest.run(spark, null, new Ingest.Source(anime.toString(), "UTF-8", ItemLineParser.withHeader(',')),
                tmp.resolve("anime").toString());
        assertTrue(r.items().written() > 12_000, "written " + r.items().written());
        assertTrue(r.items().reconciles());
        Row kimi = spark.read().parquet(tmp.resolve("anime/items").toString()).filter("anime_id = 32281").first();
        assertEquals("Kimi no Na wa.", kimi.getString(1));
        assertEquals(List.of("Drama", "Romance", "School", "Supernatural"), kimi.getList(2));
    }

    @Test
    void htmlEntitiesInNamesAndSynopsesAreDecoded() throws IOException {
        Path csv = tmp.resolve("anime.csv");
        Files.writeString(csv, "anime_id,name,genre,synopsis\n"
                + "1,Rin x Sen + Ran -&gt; Sem: Cross Mix,\"Action, Ecchi\",&lt;b&gt;Two&lt;/b&gt; &hearts; &#8220;x&#8221; &#x41;\n"
                + "2,Kino&#039;s Journey &amp; &quot;more&quot;,Adventure,\n");
        Ingest.run(spark, null, new Ingest.Source(csv.toString(), "UTF-8", ItemLineParser.withHeader(',')),
                tmp.resolve("a").toString());
        Map<Long, Row> byId = new HashMap<>();
        spark.read().parquet(tmp.resolve("a/items").toString()).collectAsList().forEach(r -> byId.put(r.getLong(0), r));
        assertEquals("Rin x Sen + Ran -> Sem: Cross Mix", byId.get(1L).getString(1));
        assertEquals("<b>Two</b> \u2665 \u201cx\u201d A", byId.get(1L).getString(3));
        assertEquals("Kino's Journey & \"more\"", byId.get(2L).getString(1));

        // an items table an older ingest wrote with the entities still in it reads decoded
        spark.createDataFrame(List.of(RowFactory.create(3L, "Fate/kaleid &gt; &amp;", null, "a &lt; b", null, null, null)),
                Columns.ITEMS).write().parquet(tmp.resolve("old/items").toString());
        Row old = Datasets.readItemsOrNull(spark, tmp.resolve("old").toString()).first();
        assertEquals("Fate/kaleid > &", old.getString(1));
        assertEquals("a < b", old.getString(3));
    }

    @Test
    void noIngestedNameOfTheRealCatalogueKeepsAnHtmlEntity() {
        Path anime = SparkTestSupport.sharedDataOrSkip("anime-kaggle/anime.csv");
        Ingest.run(spark, null, new Ingest.Source(anime.toString(), "UTF-8", ItemLineParser.withHeader(',')),
                tmp.resolve("anime").toString());
        Pattern entity = Pattern.compile("&[a-zA-Z]+;|&#[0-9]+;");
        List<String> left = spark.read().parquet(tmp.resolve("anime/items").toString()).select(Columns.NAME)
                .as(Encoders.STRING()).collectAsList().stream().filter(n -> n != null && entity.matcher(n).find()).toList();
        assertEquals(List.of(), left);
        Row arrow = spark.read().parquet(tmp.resolve("anime/items").toString()).filter("anime_id = 18525").first();
        assertEquals("Rin x Sen + Ran -> Sem: Cross Mix", arrow.getString(1));
    }

    @Test
    void missingEmptyAndMismatchedFilesAreClearErrors() throws IOException {
        UserError missing = assertThrows(UserError.class,
                () -> Ingest.run(spark, movieLensData(tmp.resolve("nope.tsv")), null, tmp.resolve("o1").toString()));
        assertTrue(missing.getMessage().contains("nope.tsv") && missing.getMessage().contains("not found"), missing.getMessage());

        Path empty = Files.createFile(tmp.resolve("empty.tsv"));
        UserError emptyErr = assertThrows(UserError.class,
                () -> Ingest.run(spark, movieLensData(empty), null, tmp.resolve("o2").toString()));
        assertTrue(emptyErr.getMessage().contains("empty"), emptyErr.getMessage());

        Path commas = tmp.resolve("commas.tsv");
        Files.writeString(commas, "1,2,3,4\n5,6,7,8\n");
        UserError wrongSep = assertThrows(UserError.class,
                () -> Ingest.run(spark, movieLensData(commas), null, tmp.resolve("o3").toString()));
        assertTrue(wrongSep.getMessage().contains("commas.tsv") && wrongSep.getMessage().contains("too few fields"),
                wrongSep.getMessage());

        Path header = tmp.resolve("header.csv");
        Files.writeString(header, "uid,iid,score\n1,2,3\n");
        UserError badHeader = assertThrows(UserError.class, () -> Ingest.run(spark, new Ingest.Source(header.toString(),
                "UTF-8", InteractionLineParser.byName(',', "user_id", "anime_id", "rating", null, RatingRules.scale(1, 5))),
                null, tmp.resolve("o4").toString()));
        assertTrue(badHeader.getMessage().contains("user_id"), badHeader.getMessage());
    }

    @Test
    void badIdsAndFieldCountsHaveTheirOwnReasons() throws IOException {
        Path csv = tmp.resolve("mixed.csv");
        Files.write(csv, ("user_id,anime_id,rating\n1,3,6,extra,fields\n2,4\n3,5,7\n,5,5\n4,99999999999999999999,4\n"
                + "5,-2,3\n-7,2,3\n6,x\u0001\u00ff,4\n7,2.5,4\n").getBytes(StandardCharsets.ISO_8859_1));
        Ingest.Report r = Ingest.run(spark, new Ingest.Source(csv.toString(), "UTF-8",
                InteractionLineParser.byName(',', "user_id", "anime_id", "rating", null, RatingRules.scale(1, 10))),
                null, tmp.resolve("mixed").toString());
        assertEquals(9, r.interactions().rowsRead());
        assertEquals(1, r.interactions().written());
        Map<String, Long> reasons = r.interactions().reasons();
        assertEquals(2L, reasons.get("wrong field count"), reasons.toString()); // 5 fields and 2 fields, header has 3
        assertEquals(1L, reasons.get("empty user id"), reasons.toString());
        assertEquals(1L, reasons.get("item id above 2^63-1"), reasons.toString());
        assertEquals(1L, reasons.get("negative item id"), reasons.toString());
        assertEquals(1L, reasons.get("negative user id"), reasons.toString());
        assertEquals(2L, reasons.get("non-numeric item id"), reasons.toString()); // the bytes, and 2.5
        List<String> texts = spark.read().parquet(tmp.resolve("mixed/quarantine").toString())
                .select("reason").as(Encoders.STRING()).collectAsList();
        assertTrue(texts.contains("wrong field count: 5 fields separated by ',' where the header has 3"), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.equals("non-numeric item id: 'x\\x01\\uFFFD'")
                || t.equals("non-numeric item id: 'x\\x01\\xFF'")), "escaped, never raw: " + texts);
    }

    @Test
    void aFailedIngestLeavesNoOutputFolder() throws IOException {
        Path csv = tmp.resolve("negative.csv");
        Files.writeString(csv, "user_id,anime_id,rating\n-1,3,6\n");
        Path out = tmp.resolve("never");
        UserError e = assertThrows(UserError.class, () -> Ingest.run(spark, new Ingest.Source(csv.toString(), "UTF-8",
                InteractionLineParser.byName(',', "user_id", "anime_id", "rating", null, RatingRules.scale(1, 10))),
                null, out.toString()));
        assertTrue(e.getMessage().contains("no valid interaction rows") && e.getMessage().contains("negative user id"),
                e.getMessage());
        assertTrue(!Files.exists(out), "nothing written at " + out);
    }
}
