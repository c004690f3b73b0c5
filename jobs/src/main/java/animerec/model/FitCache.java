package animerec.model;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Fits and carve-outs that models which fit other models (the hybrids) share within one run, owned by the caller
 * that runs several of them on the same training data (a split it loaded, a benchmark, a tuning study) and cleared
 * by it. Entries are keyed by the identity of the training interactions plus a key, so a fit on a carve-out never
 * answers for the full data. {@link #none()} stores nothing: every lookup computes afresh.
 */
public final class FitCache {
    private static final FitCache NONE = new FitCache(false);

    private final boolean stores;
    private final Map<Dataset<Row>, Map<String, Object>> entries = new IdentityHashMap<>();

    private FitCache(boolean stores) {
        this.stores = stores;
    }

    /** An empty cache that keeps what it is given. */
    public FitCache() {
        this(true);
    }

    /** The cache that keeps nothing. */
    public static FitCache none() {
        return NONE;
    }

    /** The value for ({@code interactions}, {@code key}), computed once by {@code compute} while the cache keeps it. */
    @SuppressWarnings("unchecked")
    public synchronized <T> T get(Dataset<Row> interactions, String key, Supplier<T> compute) {
        if (!stores) {
            return compute.get();
        }
        Map<String, Object> byKey = entries.computeIfAbsent(interactions, x -> new LinkedHashMap<>());
        Object v = byKey.get(key);
        if (v == null) {
            v = compute.get();
            byKey.put(key, v);
        }
        return (T) v;
    }

    /** Offers a value computed elsewhere; an existing entry is kept. */
    public synchronized void offer(Dataset<Row> interactions, String key, Object value) {
        if (stores) {
            entries.computeIfAbsent(interactions, x -> new LinkedHashMap<>()).putIfAbsent(key, value);
        }
    }

    /**
     * The key of a component fit: the family, seed and (by identity) the items table; a family's default parameters
     * are implied (components fit with their defaults).
     */
    public static String fitKey(String family, long seed, TrainingData data) {
        return "fit/" + family + "/" + seed + "/" + (data.hasItems() ? System.identityHashCode(data.items()) : 0);
    }

    /**
     * Offers a model fitted elsewhere (a benchmark's standalone run of a family) as the component fit of
     * {@code family} on {@code data}, when it was fitted with the family's default parameters.
     */
    public void share(TrainingData data, Recommender family, ParamMap params, long seed, RecommenderModel model) {
        if (params.asStrings().equals(family.params(Map.of()).asStrings())) {
            offer(data.interactions(), fitKey(family.name(), seed, data), model);
        }
    }

    /** Forgets every entry (they may hold cached data). */
    public synchronized void clear() {
        entries.clear();
    }
}
