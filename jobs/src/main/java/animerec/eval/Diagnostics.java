package animerec.eval;

import animerec.util.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * What an evaluation measured beyond its metric means, for the report's plots: metric@K curves, NDCG by how active a
 * user was in train, and where the recommendations fall among the items sorted by popularity. Every figure is a sum
 * or a mean merged from per-partition summaries (nothing per user reaches the driver).
 *
 * @param curve      precision, recall and NDCG at K = 1..curve.maxK (means over the evaluated users)
 * @param activity   one bin per range of train interactions of a user, in increasing order
 * @param deciles    the items of train sorted by train interactions (most first, ties by id) cut into ten equal
 *                   groups; decile 1 is the most popular tenth. Empty when train has no items.
 * @param ks         the evaluated cut-offs, the keys of the per-bin and per-decile figures
 * @param catalogSize the number of candidate items
 */
public record Diagnostics(Curve curve, List<ActivityBin> activity, List<Decile> deciles, int[] ks, long catalogSize) {

    /** Mean precision, recall and NDCG at K = 1..maxK (index K - 1). */
    public record Curve(int maxK, double[] precision, double[] recall, double[] ndcg) {
    }

    /**
     * The users whose train interactions number {@code minInteractions..maxInteractions} (both 0 for users absent
     * from train), and their mean NDCG at each evaluated K.
     */
    public record ActivityBin(long minInteractions, long maxInteractions, long users, Map<Integer, Double> ndcg) {
    }

    /**
     * One popularity decile: its number of items, the range of their train interactions, its share of all train
     * interactions, and per K its share of all recommended slots (rank at most K) and how many of its items are
     * recommended to someone.
     */
    public record Decile(int decile, long items, long minInteractions, long maxInteractions, double trainShare,
                         Map<Integer, Double> recommendedShare, Map<Integer, Long> recommendedItems) {
    }

    /** The activity bin of a user with {@code n} train interactions: 0 for none, else 1 + floor(log2 n). */
    public static int activityBin(long n) {
        return n <= 0 ? 0 : 64 - Long.numberOfLeadingZeros(n);
    }

    /** The smallest interaction count of bin {@code b}. */
    public static long binMin(int b) {
        return b == 0 ? 0 : 1L << (b - 1);
    }

    /** The largest interaction count of bin {@code b}. */
    public static long binMax(int b) {
        return b == 0 ? 0 : b >= 63 ? Long.MAX_VALUE : (1L << b) - 1;
    }

    /** As recorded in an experiment record. */
    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        ArrayNode k = n.putArray("ks");
        for (int x : ks) {
            k.add(x);
        }
        n.put("catalog_size", catalogSize);
        if (curve != null) {
            ObjectNode c = n.putObject("curve");
            c.put("max_k", curve.maxK());
            c.set("precision", Json.MAPPER.valueToTree(curve.precision()));
            c.set("recall", Json.MAPPER.valueToTree(curve.recall()));
            c.set("ndcg", Json.MAPPER.valueToTree(curve.ndcg()));
        }
        ArrayNode bins = n.putArray("activity");
        for (ActivityBin b : activity) {
            ObjectNode o = bins.addObject();
            o.put("min_interactions", b.minInteractions()).put("max_interactions", b.maxInteractions()).put("users", b.users());
            b.ndcg().forEach((kk, v) -> o.put("ndcg@" + kk, v));
        }
        ArrayNode ds = n.putArray("popularity_deciles");
        for (Decile d : deciles) {
            ObjectNode o = ds.addObject();
            o.put("decile", d.decile()).put("items", d.items()).put("min_interactions", d.minInteractions())
                    .put("max_interactions", d.maxInteractions()).put("train_share", d.trainShare());
            d.recommendedShare().forEach((kk, v) -> o.put("share@" + kk, v));
            d.recommendedItems().forEach((kk, v) -> o.put("items@" + kk, v));
        }
        return n;
    }
}
