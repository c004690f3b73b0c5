package animerec.model.content;

import animerec.model.serving.Query;
import animerec.model.serving.Scored;
import animerec.model.serving.ServingModel;
import animerec.model.serving.TopK;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import scala.Tuple2;

/**
 * A content model in memory: the unit item vectors of the catalogue, the usable profiles of the training users and
 * the served popularity fallback. A known user with a usable profile gets the batch {@code recommend}'s list (the
 * {@link SparseTopK} scoring of sparse vectors, or the dense blocked scorer's for embeddings: Σ_f u[f]·i[f] in float
 * in factor order over every item with a non-zero vector); a known user without one gets popularity. An anonymous
 * query gets {@code recommendForLiked}'s list: the equally weighted profile of its items ({@link ContentModel#profile}
 * with centering none and no rating) scored by {@link SparseTopK}'s rule, or nothing when none of them has a feature.
 */
final class ContentServing implements ServingModel {
    private final String family;
    private final int dim;
    private final Map<Long, Vector> itemVectors;        // every catalogue item, empty vectors included
    private final SparseIndex index;                    // the items with a non-empty vector
    private final Map<Long, SparseTopK.Row> sparseProfiles; // usable profiles (sparse scoring); null when dense
    private final Map<Long, float[]> denseProfiles;     // usable profiles (dense scoring); null when sparse
    private final long[] denseIds;                      // items with a non-zero vector (dense scoring)
    private final float[] denseItems;                   // row-major: item a's vector at a * dim
    private final ServingModel popularity;

    /**
     * @param itemVectors the unit vectors of every catalogue item (all of one dimension)
     * @param profiles    the usable (non-zero) profile of each training user that has one
     * @param dense       whether known users are scored densely ({@link DenseVectors#isDense} of the item vectors)
     */
    ContentServing(String family, Map<Long, Vector> itemVectors, Map<Long, Vector> profiles, boolean dense,
                   ServingModel popularity) {
        this.family = family;
        this.itemVectors = Map.copyOf(itemVectors);
        this.dim = itemVectors.isEmpty() ? 0 : itemVectors.values().iterator().next().size();
        this.popularity = popularity;
        long[] ids = itemVectors.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        List<SparseTopK.Row> rows = new ArrayList<>();
        for (long id : ids) {
            SparseTopK.Row r = ItemFeatures.sparseRow(id, itemVectors.get(id), null);
            if (r.indices().length > 0) {
                rows.add(r);
            }
        }
        this.index = new SparseIndex(rows);
        if (dense) {
            List<Long> nonZero = new ArrayList<>();
            for (long id : ids) {
                if (itemVectors.get(id).numNonzeros() > 0) {
                    nonZero.add(id);
                }
            }
            denseIds = nonZero.stream().mapToLong(Long::longValue).toArray();
            denseItems = new float[denseIds.length * dim];
            for (int a = 0; a < denseIds.length; a++) {
                System.arraycopy(asFloats(itemVectors.get(denseIds[a])), 0, denseItems, a * dim, dim);
            }
            denseProfiles = new HashMap<>(profiles.size() * 2);
            profiles.forEach((user, v) -> denseProfiles.put(user, asFloats(v)));
            sparseProfiles = null;
        } else {
            denseIds = null;
            denseItems = null;
            denseProfiles = null;
            sparseProfiles = new HashMap<>(profiles.size() * 2);
            profiles.forEach((user, v) -> sparseProfiles.put(user, ItemFeatures.sparseRow(user, v, null)));
        }
    }

    /** A vector as {@code vector_to_array(v, "float32")} gives it: every entry, each cast to float. */
    private static float[] asFloats(Vector v) {
        double[] d = v.toArray();
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    @Override
    public String family() {
        return family;
    }

    @Override
    public boolean foldsIn() {
        return true;
    }

    @Override
    public List<Scored> recommend(Query query, int k) {
        if (query.anonymous()) {
            return liked(query, k);
        }
        long user = query.user();
        if (denseProfiles != null) {
            float[] u = denseProfiles.get(user);
            return u == null ? popularity.recommend(query, k) : dense(u, query, k);
        }
        SparseTopK.Row p = sparseProfiles.get(user);
        return p == null ? popularity.recommend(query, k) : index.top(p.indices(), p.values(), k, query::has);
    }

    /** The blocked scorer's rule: Σ_f u[f]·i[f] accumulated in float in factor order, for every non-zero item. */
    private List<Scored> dense(float[] u, Query query, int k) {
        TopK top = new TopK(k);
        for (int a = 0; a < denseIds.length; a++) {
            int off = a * dim;
            float acc = 0f;
            for (int f = 0; f < dim; f++) {
                acc += u[f] * denseItems[off + f];
            }
            double s = acc;
            if (top.accepts(s, denseIds[a]) && !query.has(denseIds[a])) {
                top.offer(s, denseIds[a]);
            }
        }
        return top.best();
    }

    /**
     * {@code recommendForLiked}: the profile of the liked items (weight 1 each, summed in item-id order; items not in
     * the catalogue add nothing), scored as {@link SparseTopK} does whatever the vectors' density; empty when the
     * profile is (none of the items has a feature, or their vectors cancel out).
     */
    private List<Scored> liked(Query query, int k) {
        List<Tuple2<Long, Tuple2<Double, Vector>>> items = new ArrayList<>();
        for (long item : query.history()) { // ascending: the order the batch sums in
            Vector v = itemVectors.get(item);
            if (v != null) {
                items.add(new Tuple2<>(item, new Tuple2<>(null, v)));
            }
        }
        if (items.isEmpty()) {
            return List.of();
        }
        Vector profile = ContentModel.profile(items, false, new ContentModel.ProfileSum(dim));
        if (profile == null || profile.numNonzeros() == 0) {
            return List.of();
        }
        SparseTopK.Row q = ItemFeatures.sparseRow(-1L, profile, null);
        return index.top(q.indices(), q.values(), k, query::has);
    }

    /** Whether the catalogue has this item (an anonymous query's items outside it add nothing). */
    boolean knows(long item) {
        return itemVectors.containsKey(item);
    }

    @Override
    public String toString() {
        return family + " served: " + itemVectors.size() + " items, " + index.size() + " with features, "
                + (denseProfiles != null ? denseProfiles.size() + " dense" : sparseProfiles.size() + " sparse")
                + " profiles, " + popularity.family() + " fallback";
    }
}
