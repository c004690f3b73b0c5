package animerec.model.content;

import static org.apache.spark.sql.functions.col;

import animerec.data.Columns;
import animerec.data.Datasets;
import animerec.data.Fingerprints;
import animerec.model.ParamMap;
import animerec.model.serving.Scored;
import animerec.util.UserError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The items most similar to an item by one content kind, in memory: what {@code animerec similar} prints, without
 * Spark at query time. Built once ({@link #load}) from a data folder: its items table (names and genres), and the
 * stored features of the kind when they are up to date with the items table (their neighbour lists and vectors),
 * else features built from the items table. As {@code similar} does, a query for {@code k} items takes a candidate
 * pool of {@code 5k} ({@code k} without diversity): the stored neighbour lists when they keep that many per item,
 * else the exact top of the vectors by {@link SparseTopK}'s rule (float cosine in the seed's term order, ties to the
 * lower id); then the franchise re-ranking ({@link FranchiseDiversifier}) picks {@code k}, similarities kept.
 * Read-only once built: any number of threads may query it.
 */
public final class FeatureSimilarity {
    /** {@code animerec similar}'s default diversity. */
    public static final double DEFAULT_DIVERSITY = 0.3;

    /** One item's stored neighbours, by rank. */
    private record Stored(long[] items, int[] ranks, double[] similarities) {
    }

    private final ContentKind kind;
    private final Map<Long, String> names;              // items with a name
    private final Map<Long, List<String>> genres;       // every item of the items table, distinct, in table order
    private final Map<Long, SparseTopK.Row> rows;       // every item with a vector (empty ones included)
    private final SparseIndex index;                    // the items with a non-empty vector
    private final Map<Long, Stored> stored;             // empty when no up-to-date neighbours were stored
    private final int storedPerItem;
    private final boolean builtInMemory;

    private FeatureSimilarity(ContentKind kind, Map<Long, String> names, Map<Long, List<String>> genres,
                              Map<Long, SparseTopK.Row> rows, Map<Long, Stored> stored, int storedPerItem,
                              boolean builtInMemory) {
        this.kind = kind;
        this.names = names;
        this.genres = genres;
        this.rows = rows;
        this.index = new SparseIndex(rows.values().stream().filter(r -> r.indices().length > 0)
                .sorted((a, b) -> Long.compare(a.id(), b.id())).toList());
        this.stored = stored;
        this.storedPerItem = storedPerItem;
        this.builtInMemory = builtInMemory;
    }

    /**
     * Reads {@code data}'s items table and its stored {@code kind} features, or builds the features from the items
     * table (with {@code featureParams} and {@code seed}, as {@code similar} does) when none are stored or they are
     * older than the items table. A data folder without an items table is a {@link UserError}.
     */
    public static FeatureSimilarity load(SparkSession spark, String data, ContentKind kind, ParamMap featureParams,
                                         long seed) {
        Dataset<Row> items = Datasets.readItemsOrNull(spark, data);
        if (items == null) {
            throw new UserError(data + ": no items table (expected " + data + "/items; run `animerec ingest` first)");
        }
        Map<Long, String> names = new HashMap<>();
        Map<Long, List<String>> genres = new HashMap<>();
        for (Iterator<Row> it = items.select(Columns.ITEM, Columns.NAME, Columns.GENRES).toLocalIterator(); it.hasNext(); ) {
            Row r = it.next();
            if (!r.isNullAt(1)) {
                names.put(r.getLong(0), r.getString(1));
            }
            Set<String> g = new LinkedHashSet<>();
            if (!r.isNullAt(2)) {
                for (Object x : r.getList(2)) {
                    g.add(String.valueOf(x).trim());
                }
            }
            genres.put(r.getLong(0), List.copyOf(g));
        }
        FeatureStore.Stored features = FeatureStore.read(spark, data, kind);
        boolean fresh = features != null && features.itemsFingerprint().equals(Fingerprints.of(items));
        Dataset<Row> vectors = fresh ? features.vectors()
                : ItemFeatures.build(items, kind, featureParams, seed).vectors();
        Map<Long, SparseTopK.Row> rows = new HashMap<>();
        for (Iterator<Row> it = vectors.select(Columns.ITEM, ItemFeatures.VECTOR).toLocalIterator(); it.hasNext(); ) {
            Row r = it.next();
            rows.put(r.getLong(0), ItemFeatures.sparseRow(r.getLong(0), (Vector) r.get(1), null));
        }
        Map<Long, Stored> stored = new HashMap<>();
        int perItem = 0;
        if (fresh && features.neighbours() != null) {
            perItem = features.neighboursPerItem();
            Map<Long, List<Row>> lists = new HashMap<>();
            for (Iterator<Row> it = features.neighbours().select(col(Columns.ITEM), col(ItemNeighbours.NEIGHBOUR),
                    col(Columns.RANK), col(ItemNeighbours.SIMILARITY)).toLocalIterator(); it.hasNext(); ) {
                Row r = it.next();
                lists.computeIfAbsent(r.getLong(0), x -> new ArrayList<>()).add(r);
            }
            lists.forEach((item, list) -> {
                list.sort((a, b) -> Integer.compare(a.getInt(2), b.getInt(2)));
                long[] js = new long[list.size()];
                int[] ranks = new int[list.size()];
                double[] sims = new double[list.size()];
                for (int x = 0; x < js.length; x++) {
                    js[x] = list.get(x).getLong(1);
                    ranks[x] = list.get(x).getInt(2);
                    sims[x] = list.get(x).getDouble(3);
                }
                stored.put(item, new Stored(js, ranks, sims));
            });
        }
        return new FeatureSimilarity(kind, names, genres, rows, stored, perItem, !fresh);
    }

    public ContentKind kind() {
        return kind;
    }

    /** Whether the features were built from the items table (none stored, or stored ones out of date). */
    public boolean builtInMemory() {
        return builtInMemory;
    }

    /** Whether the items table has this item. */
    public boolean knows(long item) {
        return genres.containsKey(item);
    }

    /** The item's name, or null (unknown item, or no name). */
    public String name(long item) {
        return names.get(item);
    }

    /** The item's genres (distinct, trimmed, in the table's order); empty for an unknown item. */
    public List<String> genres(long item) {
        return genres.getOrDefault(item, List.of());
    }

    /** The genres of {@code other} that {@code seed} has too, in {@code other}'s order (what {@code similar} prints). */
    public List<String> sharedGenres(long seed, long other) {
        Set<String> s = new LinkedHashSet<>(genres(other));
        s.retainAll(new LinkedHashSet<>(genres(seed)));
        return List.copyOf(s);
    }

    /** {@link #similar(long, int, double)} with the default diversity. */
    public List<Scored> similar(long item, int k) {
        return similar(item, k, DEFAULT_DIVERSITY);
    }

    /**
     * The {@code k} items most similar to {@code item}, after the franchise re-ranking with {@code diversity} in
     * [0, 1], best first, each with its cosine similarity; empty for an item without features or not in the table.
     */
    public List<Scored> similar(long item, int k, double diversity) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (!(diversity >= 0 && diversity <= 1)) {
            throw new IllegalArgumentException("diversity must be in [0, 1], got " + diversity);
        }
        if (!knows(item)) {
            return List.of();
        }
        int pool = diversity > 0 ? 5 * k : k;
        List<FranchiseDiversifier.Scored> candidates = candidates(item, pool);
        List<String> seed = names.containsKey(item) ? List.of(names.get(item)) : List.of();
        List<Scored> out = new ArrayList<>();
        for (FranchiseDiversifier.Scored x : FranchiseDiversifier.rerank(candidates, names, seed, diversity, k)) {
            out.add(new Scored(x.item(), x.score()));
        }
        return out;
    }

    /** The top {@code pool} candidates: stored lists when they keep that many, else the vectors' exact top. */
    private List<FranchiseDiversifier.Scored> candidates(long item, int pool) {
        List<FranchiseDiversifier.Scored> out = new ArrayList<>();
        if (storedPerItem >= pool) {
            Stored s = stored.get(item);
            if (s != null) {
                for (int x = 0; x < s.items().length; x++) {
                    if (s.ranks()[x] <= pool) {
                        out.add(new FranchiseDiversifier.Scored(s.items()[x], s.similarities()[x]));
                    }
                }
            }
            return out;
        }
        SparseTopK.Row q = rows.get(item);
        if (q == null || q.indices().length == 0) {
            return out;
        }
        for (Scored s : index.top(q.indices(), q.values(), pool, id -> id == item)) {
            out.add(new FranchiseDiversifier.Scored(s.item(), s.score()));
        }
        return out;
    }
}
