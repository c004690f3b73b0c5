package animerec.eval;

import animerec.metrics.CatalogCoverage;
import animerec.metrics.RankedList;
import animerec.metrics.RankingSummary;
import animerec.util.UserError;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link RankingEvaluator}'s metrics computed in plain Java on lists held in memory (what `metrics` reads from
 * files), without a SparkSession: the same lists (items by rank, ties by item id), the same user sets and the same
 * keys in the same order. Sums run in another order than Spark's partitions, so a value may differ in its last bits.
 */
public final class LocalRankingEvaluator {
    private static final long[] NONE = new long[0];
    private final int[] ks;
    private final UserSet users;

    public LocalRankingEvaluator(int[] ks, UserSet users) {
        this.ks = ks.clone();
        this.users = users;
        new RankingSummary(this.ks); // validates ks
    }

    /**
     * @param catalogSize number of candidate items, for {@code coverage@K}; 0 to skip coverage
     * @return metric means keyed {@code precision@K ... hit_rate@K, mrr, coverage@K, users}
     */
    public LinkedHashMap<String, Double> evaluate(RankingFiles.Recommendations recs, RankingFiles.Truth truth,
                                                  long catalogSize) {
        Map<Long, long[]> lists = recs.lists();
        RankingSummary summary = new RankingSummary(ks);
        for (Map.Entry<Long, long[]> t : truth.relevant().entrySet()) {
            summary.add(RankedList.of(lists.getOrDefault(t.getKey(), NONE), t.getValue()));
        }
        if (users == UserSet.UNION) {
            for (Long u : lists.keySet()) {
                if (!truth.relevant().containsKey(u)) {
                    summary.addUserWithoutRelevant();
                }
            }
        }
        LinkedHashMap<String, Double> out = new LinkedHashMap<>(summary.means());
        if (catalogSize > 0) {
            // an item is within rank k of some list when its best rank over every row is
            Map<Long, Integer> best = new HashMap<>();
            for (int i = 0; i < recs.size(); i++) {
                best.merge(recs.item(i), recs.rank(i), Math::min);
            }
            for (int k : ks) {
                long distinct = best.values().stream().filter(r -> r <= k).count();
                if (distinct > catalogSize) {
                    throw new UserError("--catalog-size " + catalogSize + " is smaller than the " + distinct
                            + " distinct items recommended within rank " + k);
                }
                out.put("coverage@" + k, CatalogCoverage.of(distinct, catalogSize));
            }
        }
        out.put("users", (double) summary.users());
        return out;
    }
}
