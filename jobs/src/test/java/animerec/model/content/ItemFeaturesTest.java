package animerec.model.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.data.Columns;
import animerec.data.generate.SampleDatasetWriter;
import animerec.data.generate.SampleSpec;
import animerec.model.ParamMap;
import animerec.model.factor.BlockedTopKScorer;
import animerec.testing.SparkTestSupport;
import animerec.util.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItemFeaturesTest {
    @TempDir
    Path tmp;

    private static ParamMap params(ContentKind kind, Map<String, String> raw) {
        return ParamMap.of(kind.label(), kind.recommenderParams(), raw);
    }

    static Map<Long, double[]> collect(Dataset<Row> vectors) {
        Map<Long, double[]> out = new TreeMap<>();
        for (Row r : vectors.collectAsList()) {
            out.put(r.getLong(0), ((Vector) r.get(1)).toArray());
        }
        return out;
    }

    @Test
    void genreVectorsAreUnitMultiHotOverTheSortedGenreVocabulary() {
        SparkSession spark = SparkTestSupport.spark();
        ItemFeatures.Built b = ItemFeatures.build(ContentFixtures.items(spark), ContentKind.GENRE,
                params(ContentKind.GENRE, Map.of()), 1);
        assertEquals(List.of("action", "music", "school", "shounen", "slice of life", "supernatural"), b.vocabulary());
        Map<Long, double[]> v = collect(b.vectors());
        double h = 1 / Math.sqrt(2);
        double t = 1 / Math.sqrt(3);
        assertArrayEquals(new double[] {h, 0, 0, h, 0, 0}, v.get(1L), 1e-12);
        assertArrayEquals(new double[] {t, 0, 0, t, 0, t}, v.get(5L), 1e-12);
        assertArrayEquals(new double[] {0, h, h, 0, 0, 0}, v.get(4L), 1e-12);
        assertEquals(6, b.info().path("items").asLong());
    }

    @Test
    void anItemNobodyRatedHasNeighboursLikeAnyOther() {
        SparkSession spark = SparkTestSupport.spark();
        ItemFeatures.Built b = ItemFeatures.build(ContentFixtures.items(spark), ContentKind.GENRE,
                params(ContentKind.GENRE, Map.of()), 1);
        List<ItemNeighbours.Neighbour> n = ItemNeighbours.of(b.vectors(), 6, 3, SparseTopK.defaults());
        // Cold Band (Music, Slice of Life): K-On! has both genres (cosine 1), Love Live shares Music (1/2)
        assertEquals(List.of(3L, 4L), n.stream().map(ItemNeighbours.Neighbour::item).toList());
        assertEquals(1.0, n.get(0).similarity(), 1e-6);
        assertEquals(0.5, n.get(1).similarity(), 1e-6);
        UserError e = assertThrows(UserError.class, () -> ItemNeighbours.of(b.vectors(), 77, 3, SparseTopK.defaults()));
        assertTrue(e.getMessage().contains("item 77 is not in the catalogue"), e.getMessage());
    }

    @Test
    void tfidfFollowsSparksIdfOverGenreTokensOrderedByDocumentFrequency() {
        SparkSession spark = SparkTestSupport.spark();
        ItemFeatures.Built b = ItemFeatures.build(ContentFixtures.items(spark), ContentKind.TFIDF,
                params(ContentKind.TFIDF, Map.of("use_name", "false", "use_synopsis", "false", "use_type", "false",
                        "min_df", "1")), 1);
        // df: action 3, music 3, shounen 3, slice_of_life 2, school 1, supernatural 1 (ties alphabetical)
        assertEquals(List.of("genre_action", "genre_music", "genre_shounen", "genre_slice_of_life", "genre_school",
                "genre_supernatural"), b.vocabulary());
        double idf3 = Math.log(7.0 / 4.0);
        double idf1 = Math.log(7.0 / 2.0);
        double norm = Math.sqrt(2 * idf3 * idf3 + idf1 * idf1);
        assertArrayEquals(new double[] {idf3 / norm, 0, idf3 / norm, 0, 0, idf1 / norm},
                collect(b.vectors()).get(5L), 1e-12);
    }

    @Test
    void typeAndEpisodeBucketsBecomeTokens() {
        SparkSession spark = SparkTestSupport.spark();
        List<Row> rows = List.of(
                RowFactory.create(1L, "a", null, null, "TV", 26, 1L),
                RowFactory.create(2L, "b", null, null, "Movie", 1, 1L),
                RowFactory.create(3L, "c", null, null, "TV", 100, 1L),
                RowFactory.create(4L, "d", null, null, "Special", null, 1L),
                RowFactory.create(5L, "e", null, null, null, 13, 1L),
                RowFactory.create(6L, "f", null, null, " ", 0, 1L));
        ItemFeatures.Built b = ItemFeatures.build(spark.createDataFrame(rows, animerec.data.Columns.ITEMS), ContentKind.TFIDF,
                params(ContentKind.TFIDF, Map.of("use_name", "false", "use_synopsis", "false", "use_genres", "false",
                        "min_df", "1")), 1);
        // df: type_tv 2, then the rest once each, alphabetical
        assertEquals(List.of("type_tv", "episodes_1", "episodes_14_26", "episodes_53_up", "episodes_7_13", "type_movie",
                "type_special"), b.vocabulary());
        Map<Long, double[]> v = collect(b.vectors());
        assertEquals(0, java.util.Arrays.stream(v.get(6L)).map(Math::abs).sum(), 0.0, "a blank type and 0 episodes give no token");
        assertTrue(v.get(2L)[1] > 0 && v.get(2L)[5] > 0, "a one-episode movie: episodes_1 and type_movie");
        assertThrows(UserError.class, () -> ItemFeatures.build(spark.createDataFrame(rows, animerec.data.Columns.ITEMS), ContentKind.TFIDF,
                params(ContentKind.TFIDF, Map.of("use_name", "false", "use_synopsis", "false", "use_genres", "false",
                        "use_type", "false", "min_df", "1")), 1), "without the type tokens nothing is left");
    }

    @Test
    void tfidfUsesTitleAndSynopsisWordsWithoutStopWords() {
        SparkSession spark = SparkTestSupport.spark();
        ItemFeatures.Built b = ItemFeatures.build(ContentFixtures.items(spark), ContentKind.TFIDF,
                params(ContentKind.TFIDF, Map.of()), 1);
        assertTrue(b.vocabulary().containsAll(List.of("naruto", "ninja", "village", "girls", "band", "boy")), b.vocabulary().toString());
        assertTrue(b.vocabulary().stream().noneMatch(w -> w.equals("the") || w.equals("to")), "stop words removed");
        assertTrue(b.vocabulary().stream().noneMatch(w -> w.equals("dreams")), "min_df 2 drops words of one item");
    }

    @Test
    void sameSeedGivesIdenticalFeaturesAndNeighboursForEveryKind() {
        SparkSession spark = SparkTestSupport.spark();
        String data = tmp.resolve("sample").toString();
        SampleDatasetWriter.write(spark, new SampleSpec(100, 1500, 3000, 5, 0.1, 8), data);
        Dataset<Row> items = spark.read().parquet(data + "/items");
        for (ContentKind kind : ContentKind.values()) {
            ParamMap p = params(kind, Map.of());
            ItemFeatures.Built a = ItemFeatures.build(items, kind, p, 42);
            ItemFeatures.Built b = ItemFeatures.build(items.repartition(3), kind, p, 42);
            Map<Long, double[]> va = collect(a.vectors());
            Map<Long, double[]> vb = collect(b.vectors());
            assertEquals(1500, va.size());
            for (Long id : va.keySet()) {
                assertArrayEquals(va.get(id), vb.get(id), 0.0, kind + " item " + id);
            }
            List<Row> na = ItemNeighbours.all(a.vectors(), 10, new SparseTopK(256, 300, 0),
                    new BlockedTopKScorer(100, 300, 0)).orderBy(Columns.ITEM, Columns.RANK)
                    .collectAsList();
            List<Row> nb = ItemNeighbours.all(b.vectors(), 10, 128L << 20).orderBy(Columns.ITEM, Columns.RANK)
                    .collectAsList();
            assertTrue(na.size() > 10_000, kind + ": " + na.size());
            assertEquals(na, nb, kind + " neighbours");
            if (kind == ContentKind.EMBEDDING) { // routed to the dense scorer: the sparse kernel agrees exactly
                List<Row> sparse = ItemNeighbours.all(a.vectors(), 10, SparseTopK.defaults(), null)
                        .orderBy(Columns.ITEM, Columns.RANK).collectAsList();
                assertEquals(na, sparse, "dense and sparse routes");
            }
        }
        Map<Long, double[]> other = collect(ItemFeatures.build(items, ContentKind.EMBEDDING,
                params(ContentKind.EMBEDDING, Map.of()), 43).vectors());
        Map<Long, double[]> same = collect(ItemFeatures.build(items, ContentKind.EMBEDDING,
                params(ContentKind.EMBEDDING, Map.of()), 42).vectors());
        assertNotEquals(java.util.Arrays.toString(same.get(1L)), java.util.Arrays.toString(other.get(1L)),
                "another seed trains other word vectors");
    }

    @Test
    void givenEmbeddingsAreReadFromCsvAndItemsWithoutOneGetNoVector() throws Exception {
        SparkSession spark = SparkTestSupport.spark();
        Path csv = tmp.resolve("emb.csv");
        Files.writeString(csv, "anime_id,vector\n1,\"3 4\"\n2,\"[0.0, 2.0]\"\n3,6;8\n");
        ItemFeatures.Built b = ItemFeatures.build(ContentFixtures.items(spark), ContentKind.EMBEDDING,
                params(ContentKind.EMBEDDING, Map.of("embeddings_path", csv.toString())), 1);
        Map<Long, double[]> v = collect(b.vectors());
        assertArrayEquals(new double[] {0.6, 0.8}, v.get(1L), 1e-12);
        assertArrayEquals(new double[] {0.0, 1.0}, v.get(2L), 1e-12);
        assertArrayEquals(new double[] {0.6, 0.8}, v.get(3L), 1e-12);
        assertArrayEquals(new double[] {0.0, 0.0}, v.get(6L), 0.0);
        assertEquals(3, b.info().path("items_with_features").asLong(), "items 1, 2 and 3 have embeddings");
    }

    @Test
    void aMalformedEmbeddingNamesTheItem() throws Exception {
        SparkSession spark = SparkTestSupport.spark();
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "anime_id,vector\n1,\"3 4\"\n2,\"0.5 x\"\n");
        UserError e = assertThrows(UserError.class, () -> ItemFeatures.build(ContentFixtures.items(spark),
                ContentKind.EMBEDDING, params(ContentKind.EMBEDDING, Map.of("embeddings_path", csv.toString())), 1));
        assertTrue(e.getMessage().contains("anime_id 2") && e.getMessage().contains("'x'"), e.getMessage());
    }
}
