package animerec.metrics;

/** Names of the metrics reported by {@link RankingSummary#means()}. */
public final class MetricKeys {

    /** Mean reciprocal rank. */
    public static final String MRR = "mrr";

    private MetricKeys() {}

    /** {@code "precision@k"}. */
    public static String precision(int k) {
        return "precision@" + k;
    }

    /** {@code "recall@k"}. */
    public static String recall(int k) {
        return "recall@" + k;
    }

    /** {@code "f1@k"}. */
    public static String f1(int k) {
        return "f1@" + k;
    }

    /** {@code "ndcg@k"}. */
    public static String ndcg(int k) {
        return "ndcg@" + k;
    }

    /** {@code "map@k"} (mean average precision at k). */
    public static String map(int k) {
        return "map@" + k;
    }

    /** {@code "hit_rate@k"}. */
    public static String hitRate(int k) {
        return "hit_rate@" + k;
    }
}
