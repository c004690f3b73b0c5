package animerec.model.content;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.app.ModelParams;
import animerec.cli.Main;
import animerec.config.AnimerecConfig;
import animerec.data.Columns;
import animerec.data.Datasets;
import animerec.data.generate.SampleDatasetWriter;
import animerec.data.generate.SampleSpec;
import animerec.model.ParamMap;
import animerec.model.serving.Scored;
import animerec.testing.SparkTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FeatureSimilarity} answers what {@code animerec similar} prints: its table, line for line (ids, similarities,
 * names, shared genres), and, to the bit, the neighbours the library code {@code similar} calls gives — with stored
 * features (their neighbour lists when they keep the pool, else the stored vectors: genre for the sparse kernel,
 * given embeddings whose stored lists come from the dense one).
 */
@Tag("slow") // scripts/test-slow runs it (the default suite is at its 15-minute bound on 2 cores)
class FeatureSimilarityTest {
    private static final long SEED = 42; // the default config's seed, which `similar` uses
    private static final AnimerecConfig CONFIG = AnimerecConfig.defaults();
    private static final long[] ITEMS = {1, 58, 143};
    private static final animerec.util.FileAccess FILES = new animerec.util.FileAccess(Path::of, () -> null);

    @TempDir
    static Path tmp;

    private static String data;      // items, interactions, stored genre and embedding features (5 neighbours each)
    private static String bare;      // the same items table alone: no features stored

    @BeforeAll
    static void sample() throws IOException {
        SparkSession spark = SparkTestSupport.spark();
        data = tmp.resolve("data").toString();
        SampleDatasetWriter.write(spark, new SampleSpec(150, 200, 1500, 3L, 0.2, 4), data);
        String embeddings = embeddings(spark, tmp.resolve("embeddings").toString());
        Run f = run("features", "--data", data, "--models", "genre,embedding", "--neighbours", "5",
                "--embeddings", embeddings);
        assertEquals(0, f.code(), f.out());
        bare = tmp.resolve("bare").toString();
        Files.createDirectories(Path.of(bare));
        Path from = Path.of(data, Columns.ITEMS_TABLE);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Files.copy(p, Path.of(bare, Columns.ITEMS_TABLE).resolve(from.relativize(p).toString()));
            }
        }
    }

    /** 6-dimensional random embeddings for every item but 4, 8, 12, ... */
    private static String embeddings(SparkSession spark, String path) {
        SplittableRandom rng = new SplittableRandom(9);
        List<Row> rows = new ArrayList<>();
        for (long id = 1; id <= 200; id++) {
            if (id % 4 != 0) {
                double[] v = new double[6];
                for (int x = 0; x < v.length; x++) {
                    v[x] = rng.nextDouble(-1, 1);
                }
                rows.add(RowFactory.create(id, Vectors.dense(v)));
            }
        }
        spark.createDataFrame(rows, ItemFeatures.SCHEMA).write().parquet(path);
        return path;
    }

    private record Run(int code, String out) {
        /** The rows of the printed table. */
        List<String> table() {
            return out.lines().filter(l -> l.matches("\\d+ +\\d+ +-?\\d.*")).toList();
        }
    }

    private static synchronized Run run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    private static Run similarCommand(String dir, ContentKind kind, long item, int k, double diversity) {
        return run("similar", "--data", dir, "--model", kind.label(), "--item", Long.toString(item), "--k",
                Integer.toString(k), "--diversity", Double.toString(diversity));
    }

    /** The table rows as {@code similar} formats them, from the in-memory answer. */
    private static List<String> table(FeatureSimilarity s, long item, int k, double diversity) {
        List<String> out = new ArrayList<>();
        List<Scored> found = s.similar(item, k, diversity);
        for (int i = 0; i < found.size(); i++) {
            Scored n = found.get(i);
            String name = s.name(n.item());
            out.add(String.format("%-5d %-9d %-10.4f %-50s %s", i + 1, n.item(), n.score(), name == null ? "?" : name,
                    String.join(", ", s.sharedGenres(item, n.item()))));
        }
        return out;
    }

    private static ParamMap params(ContentKind kind) {
        return ModelParams.features(CONFIG, kind, null);
    }

    /** The named items of a data folder's items table, as {@code similar} reads them. */
    private static Map<Long, String> names(SparkSession spark, String dir) {
        Map<Long, String> names = new HashMap<>();
        for (Row r : Datasets.readItemsOrNull(spark, dir).select(Columns.ITEM, Columns.NAME).collectAsList()) {
            if (!r.isNullAt(1)) {
                names.put(r.getLong(0), r.getString(1));
            }
        }
        return names;
    }

    /**
     * What {@code similar}'s library calls give for an up-to-date data folder: the stored lists when they keep
     * the pool (when {@code stored} is given), else {@link ItemNeighbours#of} on the vectors; then
     * {@link FranchiseDiversifier#rerank}.
     */
    private static List<Scored> libraryAnswer(FeatureStore.Stored stored, Dataset<Row> vectors, Map<Long, String> names,
                                              long item, int k, double diversity) {
        int pool = diversity > 0 ? 5 * k : k;
        List<FranchiseDiversifier.Scored> candidates = new ArrayList<>();
        if (stored != null && stored.neighbours() != null && stored.neighboursPerItem() >= pool) {
            for (Row r : stored.neighbours().filter(col(Columns.ITEM).equalTo(item)).filter(col(Columns.RANK).leq(pool))
                    .orderBy(Columns.RANK).collectAsList()) {
                candidates.add(new FranchiseDiversifier.Scored(r.getLong(1), r.getDouble(3)));
            }
        } else {
            for (ItemNeighbours.Neighbour n : ItemNeighbours.of(vectors, item, pool, SparseTopK.defaults())) {
                candidates.add(new FranchiseDiversifier.Scored(n.item(), n.similarity()));
            }
        }
        List<String> seed = names.containsKey(item) ? List.of(names.get(item)) : List.of();
        return FranchiseDiversifier.rerank(candidates, names, seed, diversity, k).stream()
                .map(x -> new Scored(x.item(), x.score())).toList();
    }

    private static void assertSame(List<Scored> expected, List<Scored> actual, String what) {
        assertEquals(expected.stream().map(Scored::item).toList(), actual.stream().map(Scored::item).toList(), what);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).score(), actual.get(i).score(), 0.0, what + " at rank " + (i + 1));
        }
    }

    @Test
    void storedFeaturesAnswerAsSimilarDoes() {
        SparkSession spark = SparkTestSupport.spark();
        Map<Long, String> names = names(spark, data);
        for (ContentKind kind : List.of(ContentKind.GENRE, ContentKind.EMBEDDING)) {
            FeatureStore.Stored stored = FeatureStore.read(spark, data, kind);
            FeatureSimilarity s = FeatureSimilarity.read(FILES, data, kind);
            assertFalse(s.stale(), kind.label());
            assertEquals(kind, s.kind());
            // pool 5 (k 1 with diversity, k 5 without): the stored lists; pool 20: the stored vectors' exact top
            int[][] cases = {{1, 30}, {5, 0}, {4, 30}};
            for (long item : ITEMS) {
                for (int[] c : cases) {
                    double d = c[1] / 100.0;
                    String what = kind.label() + " item " + item + " k " + c[0] + " diversity " + d;
                    List<Scored> got = s.similar(item, c[0], d);
                    assertEquals(Math.min(c[0], 199), got.size(), what);
                    assertSame(libraryAnswer(stored, stored.vectors(), names, item, c[0], d), got, what);
                }
            }
            long item = ITEMS[(int) (kind.ordinal() % ITEMS.length)];
            Run printed = similarCommand(data, kind, item, 4, FeatureSimilarity.DEFAULT_DIVERSITY);
            assertEquals(0, printed.code(), printed.out());
            assertFalse(printed.out().contains("building"), printed.out());
            assertEquals(printed.table(), table(s, item, 4, FeatureSimilarity.DEFAULT_DIVERSITY), kind.label());
            assertEquals(s.similar(item, 4), s.similar(item, 4, FeatureSimilarity.DEFAULT_DIVERSITY));
        }
        FeatureSimilarity genre = FeatureSimilarity.read(FILES, data, ContentKind.GENRE);
        Run printed = similarCommand(data, ContentKind.GENRE, 58, 5, 0.0);
        assertEquals(printed.table(), table(genre, 58, 5, 0.0), "pool 5 from the stored lists");
        assertFalse(genre.knows(999_999));
        assertEquals(List.of(), genre.similar(999_999, 5));
    }

    @Test
    void nothingStoredReadsAsNullAndFeaturesOfAnotherItemsTableAsStaleWhateverTheFileTimes() throws IOException {
        for (ContentKind kind : ContentKind.values()) {
            assertNull(FeatureSimilarity.read(FILES, bare, kind), kind.label());
        }
        // a copy that keeps no file times (cp -r, hdfs dfs -put) can leave the manifest older than the same items table
        Path manifest = Path.of(FeatureStore.dir(data, ContentKind.GENRE), "manifest.json");
        java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(manifest);
        try {
            Files.setLastModifiedTime(manifest, java.nio.file.attribute.FileTime.fromMillis(0));
            assertFalse(FeatureSimilarity.read(FILES, data, ContentKind.GENRE).stale(), "same items table, older manifest");
        } finally {
            Files.setLastModifiedTime(manifest, written);
        }
        assertFalse(FeatureSimilarity.read(FILES, data, ContentKind.GENRE).stale());
        // another items table (one name changed) under features whose manifest is the newer file: stale
        SparkSession spark = SparkTestSupport.spark();
        String changed = tmp.resolve("changed").toString();
        spark.read().parquet(Path.of(data, Columns.ITEMS_TABLE).toString())
                .withColumn(Columns.NAME, org.apache.spark.sql.functions.when(col(Columns.ITEM).equalTo(1), "Renamed")
                        .otherwise(col(Columns.NAME)))
                .write().parquet(Path.of(changed, Columns.ITEMS_TABLE).toString());
        Path from = Path.of(FeatureStore.dir(data, ContentKind.GENRE));
        Path to = Path.of(FeatureStore.dir(changed, ContentKind.GENRE));
        Files.createDirectories(to.getParent());
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
        Files.setLastModifiedTime(to.resolve("manifest.json"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 3_600_000));
        assertTrue(FeatureSimilarity.read(FILES, changed, ContentKind.GENRE).stale(), "another items table");
        // a manifest without the fingerprint (an older features run): the file times decide
        String old = Files.readString(to.resolve("manifest.json")).replaceAll("\"items_fingerprint\"\\s*:\\s*\"[0-9a-f]*\",?", "");
        Files.writeString(to.resolve("manifest.json"), old);
        assertFalse(FeatureSimilarity.read(FILES, changed, ContentKind.GENRE).stale(), "no fingerprint, newer manifest");
        Files.setLastModifiedTime(to.resolve("manifest.json"), java.nio.file.attribute.FileTime.fromMillis(0));
        assertTrue(FeatureSimilarity.read(FILES, changed, ContentKind.GENRE).stale(), "no fingerprint, older manifest");
    }

    @Test
    void sharedGenresAreTheSeedsInTheOthersOrder() {
        SparkSession spark = SparkTestSupport.spark();
        FeatureSimilarity s = FeatureSimilarity.read(FILES, data, ContentKind.GENRE);
        Map<Long, List<String>> genres = new HashMap<>();
        for (Row r : Datasets.readItemsOrNull(spark, data).select(Columns.ITEM, Columns.GENRES).collectAsList()) {
            genres.put(r.getLong(0), r.isNullAt(1) ? List.of() : r.<String>getList(1).stream().map(String::trim).toList());
        }
        int sharing = 0;
        for (long other = 2; other <= 200; other++) {
            List<String> expected = genres.get(other).stream().filter(genres.get(1L)::contains).distinct().toList();
            assertEquals(expected, s.sharedGenres(1, other), "1 and " + other);
            sharing += expected.isEmpty() ? 0 : 1;
        }
        assertTrue(sharing > 0, "some items share a genre with item 1");
        assertEquals(genres.get(1L), s.genres(1));
    }
}
