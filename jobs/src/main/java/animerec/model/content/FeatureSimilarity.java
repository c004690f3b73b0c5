package animerec.model.content;

import static animerec.util.ParquetRows.Kind.DOUBLE;
import static animerec.util.ParquetRows.Kind.INT;
import static animerec.util.ParquetRows.Kind.LONG;
import static animerec.util.ParquetRows.Kind.VECTOR;

import animerec.data.Columns;
import animerec.data.ItemInfo;
import animerec.model.serving.Scored;
import animerec.util.FileAccess;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import animerec.util.ParquetRows;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The items most similar to an item by one content kind, in memory: what {@code animerec similar} prints, without
 * Spark. Read once ({@link #read}) from a data folder: its items table (names and genres) and the stored features of
 * the kind (their vectors and neighbour lists), as {@code animerec features} wrote them. As {@code similar} does, a query for {@code k} items takes a candidate
 * pool of {@code 5k} ({@code k} without diversity): the stored neighbour lists when they keep that many per item,
 * else the exact top of the vectors by {@link SparseTopK}'s rule (float cosine in the seed's term order, ties to the
 * lower id); then the franchise re-ranking ({@link FranchiseDiversifier}) picks {@code k}, similarities kept.
 * Read-only once built: any number of threads may query it.
 */
public final class FeatureSimilarity {
    /** {@code animerec similar}'s default diversity. */
    public static final double DEFAULT_DIVERSITY = 0.3;

    private static final animerec.data.Franchise.Title NO_TITLE = animerec.data.Franchise.Title.of(null);

    /** One stored neighbour row. */
    private record Link(long item, int rank, double similarity) {
    }

    /** One item's stored neighbours, by rank. */
    private record Stored(long[] items, int[] ranks, double[] similarities) {
    }

    private final ContentKind kind;
    private final Map<Long, String> names;              // items with a name
    private final Map<Long, animerec.data.Franchise.Title> titles; // their names parsed for the franchise re-ranking
    private final Map<Long, List<String>> genres;       // every item of the items table, distinct, in table order
    private final Map<Long, SparseTopK.Row> rows;       // every item with a vector (empty ones included)
    private final SparseIndex index;                    // the items with a non-empty vector
    private final Map<Long, Stored> stored;             // empty when no neighbours were stored
    private final int storedPerItem;
    private final boolean stale;

    private FeatureSimilarity(ContentKind kind, Map<Long, String> names, Map<Long, List<String>> genres,
                              Map<Long, SparseTopK.Row> rows, Map<Long, Stored> stored, int storedPerItem,
                              boolean stale) {
        this.kind = kind;
        this.names = names;
        this.titles = new HashMap<>(names.size() * 2);
        names.forEach((id, name) -> titles.put(id, animerec.data.Franchise.Title.of(name)));
        this.genres = genres;
        this.rows = rows;
        this.index = new SparseIndex(rows.values().stream().filter(r -> r.indices().length > 0)
                .sorted((a, b) -> Long.compare(a.id(), b.id())).toList());
        this.stored = stored;
        this.storedPerItem = storedPerItem;
        this.stale = stale;
    }

    /**
     * Reads {@code data}'s items table and its stored {@code kind} features without Spark: their vectors and, when
     * kept, their neighbour lists. Null when the folder stores no features of the kind (build them with
     * {@code animerec features}); a data folder without an items table is a {@link UserError}.
     */
    public static FeatureSimilarity read(FileAccess files, String data, ContentKind kind) {
        List<ItemInfo> items = ItemInfo.readOrNull(files, data);
        if (items == null) {
            throw new UserError(data + ": no items table (expected " + data + "/items; run `animerec ingest` first)");
        }
        String dir = FeatureStore.dir(data, kind);
        String manifestPath = HadoopFiles.child(dir, "manifest.json");
        if (!files.exists(manifestPath)) {
            return null;
        }
        JsonNode manifest;
        try {
            manifest = Json.MAPPER.readTree(files.readString(manifestPath));
        } catch (java.io.IOException e) {
            throw new UserError(manifestPath + ": not valid JSON: " + e.getMessage(), e);
        }
        Map<Long, String> names = new HashMap<>();
        Map<Long, List<String>> genres = new HashMap<>();
        for (ItemInfo i : items) {
            if (i.name() != null) {
                names.put(i.id(), i.name());
            }
            Set<String> g = new LinkedHashSet<>();
            i.genres().forEach(x -> g.add(String.valueOf(x).trim()));
            genres.put(i.id(), List.copyOf(g));
        }
        Map<Long, SparseTopK.Row> rows = new HashMap<>();
        ParquetRows.read(files, HadoopFiles.child(dir, "vectors"),
                List.of(LONG.of(Columns.ITEM), VECTOR.of(ItemFeatures.VECTOR)),
                r -> rows.put(r.getLong(0), ItemFeatures.sparseRow(r.getLong(0), r.vector(1), null)));
        Map<Long, Stored> stored = new HashMap<>();
        int perItem = 0;
        String neighbours = HadoopFiles.child(dir, "neighbours");
        if (files.exists(neighbours)) {
            perItem = manifest.path("neighbours_per_item").asInt(0);
            Map<Long, List<Link>> lists = new HashMap<>();
            ParquetRows.read(files, neighbours, List.of(LONG.of(Columns.ITEM), LONG.of(ItemNeighbours.NEIGHBOUR),
                    INT.of(Columns.RANK), DOUBLE.of(ItemNeighbours.SIMILARITY)),
                    r -> lists.computeIfAbsent(r.getLong(0), x -> new ArrayList<>())
                    .add(new Link(r.getLong(1), r.getInt(2), r.getDouble(3))));
            lists.forEach((item, list) -> {
                list.sort((x, y) -> Integer.compare(x.rank(), y.rank()));
                stored.put(item, new Stored(list.stream().mapToLong(Link::item).toArray(),
                        list.stream().mapToInt(Link::rank).toArray(), list.stream().mapToDouble(Link::similarity).toArray()));
            });
        }
        // the fingerprint `features` stored for the items table against the table's now, as `similar` compares them;
        // file times (which a copy need not keep) only when one of them is not there to compare
        String storedFingerprint = manifest.path("items_fingerprint").asText("");
        String fingerprint = storedFingerprint.isEmpty() ? null : ItemInfo.fingerprintOrNull(files, data);
        boolean stale = fingerprint != null ? !fingerprint.equals(storedFingerprint)
                : ItemInfo.modified(files, data) > files.modified(manifestPath);
        return new FeatureSimilarity(kind, names, genres, rows, stored, perItem, stale);
    }

    /**
     * Whether these features were built from another items table than the data folder's now: its fingerprint differs
     * from the one the features' manifest stores (when either cannot be had, from an older manifest or a column
     * hashed only by Spark: whether the table was written after the manifest); {@code animerec features} builds them
     * again.
     */
    public boolean stale() {
        return stale;
    }

    public ContentKind kind() {
        return kind;
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
        List<animerec.data.Franchise.Title> seed = titles.containsKey(item) ? List.of(titles.get(item)) : List.of();
        List<Scored> out = new ArrayList<>();
        for (FranchiseDiversifier.Scored x : FranchiseDiversifier.rerank(candidates,
                id -> titles.getOrDefault(id, NO_TITLE), seed, diversity, k)) {
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
