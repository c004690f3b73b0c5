package animerec.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.data.ColumnMapping;
import animerec.data.Columns;
import animerec.data.Datasets;
import animerec.data.generate.SampleDatasetWriter;
import animerec.data.generate.SampleSpec;
import animerec.catalog.ModelCatalog;
import animerec.testing.SparkTestSupport;
import animerec.util.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every registered family keeps (Spark's DefaultReadWriteTest idea): one case per property and per
 * name in {@link ModelCatalog#names()}, so a newly registered family is covered without touching this test. All
 * families share one small generated dataset; each family is fitted once (its model and lists are cached for all
 * properties), a second time for the determinism check, and loaded once.
 */
@Tag("slow") // scripts/test-slow runs it (205 s; the default suite was at 15 min 19 s on 2 cores without it tagged)
class CatalogContractTest {
    private static final long SEED = 5;
    private static final int K = 10;
    /** A user id the data does not have: families serve it or give it no rows, but must not fail. */
    private static final long UNKNOWN_USER = 999_999L;

    /**
     * Smaller settings where a default would be slow on 2 cores (the data is small, the defaults are sized for
     * real catalogues): fewer factors and epochs or iterations for svd, als, warp and bpr, a smaller Word2Vec for
     * embedding, cheap components (no default-sized als/warp/ease inside) and fewer, shallower trees for the hybrids.
     * A family not listed here is fitted with its defaults.
     */
    private static final Map<String, Map<String, String>> SMALL = Map.of(
            "svd", Map.of("n_factors", "16", "n_epochs", "5"),
            "als", Map.of("rank", "8", "max_iter", "5"),
            "als-mllib", Map.of("rank", "8", "max_iter", "5"),
            "warp", Map.of("no_components", "16", "epochs", "5"),
            "bpr", Map.of("no_components", "16", "epochs", "5"),
            "embedding", Map.of("vector_size", "16", "max_iter", "2"),
            "hybrid-weighted", Map.of("components", "item-knn+popularity+genre", "candidates", "20"),
            "hybrid-rrf", Map.of("components", "item-knn+popularity+genre", "candidates", "20"),
            "hybrid-borda", Map.of("components", "item-knn+popularity+genre", "candidates", "20"),
            "hybrid-ltr", Map.of("components", "item-knn+popularity+genre", "candidates", "20", "trees", "8", "depth", "3"));

    /** The component fits the hybrids share, as a benchmark's split holds them. */
    private static final FitCache FITS = new FitCache();

    @TempDir
    static Path tmp;

    private static SparkSession spark;
    private static String shufflePartitions;
    private static Dataset<Row> train;
    private static Dataset<Row> items;
    private static Dataset<Row> users;
    private static Dataset<Row> seen;
    private static Set<String> seenPairs;
    private static Set<Long> trainItems;
    private static Set<Long> catalogueItems;

    /** A fitted model and its top-K lists, sorted by user and rank. */
    private record Fit(RecommenderModel model, Dataset<Row> recs, List<Row> lists) {
    }

    private static final Map<String, Fit> FITTED = new HashMap<>();
    private static final Map<String, Double> SECONDS = new TreeMap<>();

    /**
     * Every registered name; {@code -Dcontract.families=a,b} narrows the run to those (while working on one family).
     */
    static Stream<String> names() {
        String only = System.getProperty("contract.families", "").trim();
        if (only.isEmpty()) {
            return ModelCatalog.names().stream();
        }
        List<String> wanted = Arrays.stream(only.split(",")).map(String::trim).toList();
        wanted.forEach(ModelCatalog::get); // an unknown name fails loudly instead of running nothing
        return ModelCatalog.names().stream().filter(wanted::contains);
    }

    /**
     * A generated sample (with an items table) whose train leaves out every tenth item: those are known to the
     * content families only, so "only candidate items" can tell the two kinds apart.
     */
    @BeforeAll
    static void data() {
        spark = SparkTestSupport.spark();
        // the data is tiny: fewer shuffle tasks than the shared session's 4 (restored after the class)
        shufflePartitions = spark.conf().get("spark.sql.shuffle.partitions");
        spark.conf().set("spark.sql.shuffle.partitions", "2");
        String dir = tmp.resolve("sample").toString();
        SampleDatasetWriter.write(spark, new SampleSpec(120, 100, 2_400, 17, 0.1, 4), dir);
        Dataset<Row> all = Datasets.readInteractions(spark, dir, ColumnMapping.identity());
        train = all.filter(all.col(Columns.ITEM).mod(10).notEqual(0)).cache();
        items = Datasets.readItemsOrNull(spark, dir).cache();
        seen = train.select(Columns.USER, Columns.ITEM).cache();
        users = train.select(Columns.USER).distinct()
                .union(spark.createDataset(List.of(UNKNOWN_USER), Encoders.LONG()).toDF(Columns.USER)).cache();
        seenPairs = new HashSet<>();
        trainItems = new HashSet<>();
        for (Row r : seen.collectAsList()) {
            seenPairs.add(r.getLong(0) + " " + r.getLong(1));
            trainItems.add(r.getLong(1));
        }
        catalogueItems = new HashSet<>(items.select(Columns.ITEM).as(Encoders.LONG()).collectAsList());
        assertTrue(catalogueItems.size() > trainItems.size(), "some items are in the items table only");
    }

    @AfterAll
    static void release() {
        System.out.println("CatalogContractTest: first fit and top-" + K + " per family, seconds: " + SECONDS);
        FITTED.clear();
        FITS.clear();
        spark.conf().set("spark.sql.shuffle.partitions", shufflePartitions);
    }

    private static Map<String, String> small(String name) {
        return SMALL.getOrDefault(name, Map.of());
    }

    /**
     * Fits {@code name} on the shared data and lists top-K for every train user and one unknown user. The hybrids
     * share their component fits through the test's {@link FitCache}, as in a benchmark: each component family is
     * checked on its own, and a hybrid's second fit still redoes its own work (weights, ranker) on the same fits.
     */
    private static Fit fit(String name) {
        Recommender family = ModelCatalog.get(name);
        RecommenderModel m = family.fit(new TrainingData(train, items, FITS), family.params(small(name)), SEED);
        Dataset<Row> recs = m.recommend(users, seen, K);
        return new Fit(m, recs, sorted(recs));
    }

    private static List<Row> sorted(Dataset<Row> recs) {
        return recs.orderBy(Columns.USER, Columns.RANK).collectAsList();
    }

    /** The cached first fit of {@code name}. */
    private static synchronized Fit fitted(String name) {
        Fit f = FITTED.get(name);
        if (f == null) {
            long t0 = System.nanoTime();
            f = fit(name);
            SECONDS.put(name, Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
            FITTED.put(name, f);
        }
        return f;
    }

    /** Whether {@code name} may know items from the items table: a content family, or a blend of one. */
    private static boolean readsItemsTable(String name, ParamMap params) {
        if (ModelCatalog.get(name).traits().needsItems()) {
            return true;
        }
        String components = params.asStrings().get("components");
        return components != null && Arrays.stream(components.split("\\+")).map(String::trim)
                .anyMatch(c -> ModelCatalog.get(c).traits().needsItems());
    }

    private static Map<Long, List<Row>> byUser(List<Row> lists) {
        Map<Long, List<Row>> out = new LinkedHashMap<>();
        for (Row r : lists) {
            out.computeIfAbsent(r.getLong(0), u -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /** Equal rows (user, item, rank and score, exactly); on a difference, says where instead of printing both lists. */
    private static void assertSameLists(List<Row> expected, List<Row> actual, String what) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), what + ": first difference at row " + i + " of "
                    + expected.size() + " (rows sorted by user and rank)");
        }
        assertEquals(expected.size(), actual.size(), what + ": number of rows");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void recommendHasTheOutputSchema(String name) {
        List<StructField> fields = Arrays.asList(fitted(name).recs().schema().fields());
        List<String> columns = fields.stream().map(StructField::name).toList();
        assertEquals(List.of(Columns.USER, Columns.ITEM, Columns.RANK, Columns.SCORE), columns, name + " columns");
        List<DataType> types = fields.stream().map(StructField::dataType).toList();
        assertEquals(List.of(DataTypes.LongType, DataTypes.LongType, DataTypes.IntegerType, DataTypes.DoubleType), types,
                name + " column types");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void atMostKPerUserRankedOneToNWithoutGaps(String name) {
        Map<Long, List<Row>> lists = byUser(fitted(name).lists());
        assertFalse(lists.isEmpty(), name + " recommends nothing");
        lists.forEach((user, rows) -> {
            assertTrue(rows.size() <= K, name + ": user " + user + " gets " + rows.size() + " > " + K + " rows");
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(i + 1, rows.get(i).getInt(2), name + ": ranks of user " + user + ": " + rows);
                assertFalse(rows.get(i).isNullAt(3), name + ": null score " + rows.get(i));
            }
            assertEquals(rows.size(), rows.stream().map(r -> r.getLong(1)).distinct().count(),
                    name + ": an item twice in the list of user " + user + ": " + rows);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void neverASeenItem(String name) {
        for (Row r : fitted(name).lists()) {
            assertFalse(seenPairs.contains(r.getLong(0) + " " + r.getLong(1)), name + " recommends a seen item: " + r);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void onlyCandidateItems(String name) {
        Fit f = fitted(name);
        boolean content = readsItemsTable(name, f.model().params());
        Set<Long> candidates = content ? catalogueItems : trainItems;
        for (Row r : f.lists()) {
            assertTrue(candidates.contains(r.getLong(1)), name + " recommends an item it cannot know ("
                    + (content ? "not in the items table" : "not in train") + "): " + r);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void theSameSeedGivesIdenticalLists(String name) {
        List<Row> first = fitted(name).lists();
        assertSameLists(first, fit(name).lists(), name + " fitted twice with seed " + SEED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void saveThenLoadGivesIdenticalLists(String name) {
        Fit f = fitted(name);
        Recommender family = ModelCatalog.get(name);
        String path = tmp.resolve("models").resolve(name).toString();
        f.model().save(path);
        RecommenderModel loaded = family.load(spark, path, f.model().params());
        assertEquals(name, f.model().family());
        assertEquals(name, loaded.family());
        assertEquals(f.model().params().asStrings(), loaded.params().asStrings(), name + " parameters after load");
        assertSameLists(f.lists(), sorted(loaded.recommend(users, seen, K)), name + " lists after save and load");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void everyParameterRoundTripsThroughItsStringForm(String name) {
        Recommender family = ModelCatalog.get(name);
        List<String> declared = family.params().stream().map(Param::name).toList();
        assertEquals(declared.size(), new HashSet<>(declared).size(), name + " declares a parameter twice: " + declared);
        ParamMap defaults = family.params(Map.of());
        for (Param<?> p : family.params()) {
            assertEquals(p.defaultValue(), defaults.get(p), name + "." + p.name() + " default");
        }
        for (ParamMap values : List.of(defaults, family.params(small(name)))) {
            Map<String, String> strings = values.asStrings();
            assertEquals(declared, new ArrayList<>(strings.keySet()), name + ": every declared parameter, in order");
            ParamMap back = family.params(strings);
            for (Param<?> p : family.params()) {
                assertNotNull(values.get(p), name + "." + p.name());
                assertEquals(values.get(p), back.get(p), name + "." + p.name() + " = '" + strings.get(p.name()) + "'");
            }
            assertEquals(strings, back.asStrings(), name);
            assertEquals(values.hash(), back.hash(), name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void anUnknownParameterIsRefused(String name) {
        Recommender family = ModelCatalog.get(name);
        UserError e = assertThrows(UserError.class, () -> family.params(Map.of("no_such_parameter", "1")), name);
        assertTrue(e.getMessage().contains("no_such_parameter"), e.getMessage());
    }
}
