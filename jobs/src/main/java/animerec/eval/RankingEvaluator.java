package animerec.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import animerec.data.Columns;
import animerec.metrics.CatalogCoverage;
import animerec.metrics.RankedList;
import animerec.metrics.RankingSummary;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Ranking metrics for any system's top-K lists. Recommendations ({@code user_id, anime_id, rank}) and
 * relevant items ({@code user_id, anime_id}) are grouped per user and joined; each partition folds its
 * users into a {@link RankingSummary}; the driver merges one summary per partition. Nothing per-user
 * reaches the driver.
 */
public final class RankingEvaluator {
    private final int[] ks;
    private final UserSet users;

    public RankingEvaluator(int[] ks, UserSet users) {
        this.ks = ks.clone();
        this.users = users;
        new RankingSummary(this.ks); // validates ks
    }

    public int maxK() {
        int m = 0;
        for (int k : ks) {
            m = Math.max(m, k);
        }
        return m;
    }

    /**
     * @param recs      {@code user_id, anime_id, rank}; ranks order each user's list (ties by item id)
     * @param relevant  {@code user_id, anime_id}: the relevant held-out items
     * @param catalogSize number of candidate items, for {@code coverage@K}; 0 to skip coverage
     * @return metric means keyed {@code precision@K ... hit_rate@K, mrr, coverage@K, users}
     */
    public LinkedHashMap<String, Double> evaluate(Dataset<Row> recs, Dataset<Row> relevant, long catalogSize) {
        Dataset<Row> recLists = recs.groupBy(Columns.USER)
                .agg(sort_array(collect_list(struct(col(Columns.RANK), col(Columns.ITEM)))).as("recs"));
        Dataset<Row> truthLists = relevant.groupBy(Columns.USER).agg(collect_set(col(Columns.ITEM)).as("truth"));
        // a using-column join stays correct when both inputs derive from the same table (a self-join)
        Dataset<Row> joined = truthLists.join(recLists, new String[] {Columns.USER},
                        users == UserSet.TRUTH ? "left" : "full_outer")
                .select("truth", "recs");
        int[] cutoffs = ks;
        RankingSummary summary = joined.javaRDD().mapPartitions((FlatMapFunction<java.util.Iterator<Row>, RankingSummary>) rows -> {
            RankingSummary s = new RankingSummary(cutoffs);
            while (rows.hasNext()) {
                Row r = rows.next();
                long[] truth = r.isNullAt(0) ? new long[0] : toLongs(r.getList(0));
                if (truth.length == 0) {
                    s.addUserWithoutRelevant();
                    continue;
                }
                long[] ranked;
                if (r.isNullAt(1)) {
                    ranked = new long[0];
                } else {
                    List<Row> entries = r.getList(1);
                    ranked = new long[entries.size()];
                    for (int i = 0; i < ranked.length; i++) {
                        ranked[i] = entries.get(i).getLong(1);
                    }
                }
                s.add(RankedList.of(ranked, truth));
            }
            return Collections.singletonList(s).iterator();
        }).reduce(RankingSummary::merge);
        LinkedHashMap<String, Double> out = new LinkedHashMap<>(summary.means());
        if (catalogSize > 0) {
            // one job for every K: an item is in some top-K list when its best rank is at most K
            Dataset<Row> best = recs.groupBy(Columns.ITEM).agg(min(col(Columns.RANK)).as("best"));
            Column[] counts = new Column[ks.length];
            for (int i = 0; i < ks.length; i++) {
                counts[i] = sum(when(col("best").leq(ks[i]), 1L).otherwise(0L)).as("k" + i);
            }
            Row distinct = best.agg(counts[0], java.util.Arrays.copyOfRange(counts, 1, counts.length)).first();
            for (int i = 0; i < ks.length; i++) {
                out.put("coverage@" + ks[i], CatalogCoverage.of(distinct.isNullAt(i) ? 0 : distinct.getLong(i), catalogSize));
            }
        }
        out.put("users", (double) summary.users());
        return out;
    }

    private static long[] toLongs(List<Object> values) {
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).longValue();
        }
        return out;
    }
}
