package animerec.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import animerec.data.Columns;
import animerec.metrics.CatalogCoverage;
import animerec.metrics.RankedList;
import animerec.metrics.RankingCurve;
import animerec.metrics.RankingSummary;
import java.util.ArrayList;
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

    /** Metric means, and the diagnostics when they were asked for (else null). */
    public record Evaluated(LinkedHashMap<String, Double> metrics, Diagnostics diagnostics) {
    }

    /**
     * What {@link #evaluate(Dataset, Dataset, long, DiagnosticInputs)} needs beyond the lists.
     *
     * @param activity    {@code user_id, n}: each user's number of train interactions (users absent count 0)
     * @param itemDeciles {@code anime_id, decile, n}: each train item's popularity decile (1 = most popular) and
     *                    train interactions
     * @param curveK      the largest K of the metric@K curves
     */
    public record DiagnosticInputs(Dataset<Row> activity, Dataset<Row> itemDeciles, int curveK) {
    }

    /**
     * @param recs      {@code user_id, anime_id, rank}; ranks order each user's list (ties by item id)
     * @param relevant  {@code user_id, anime_id}: the relevant held-out items
     * @param catalogSize number of candidate items, for {@code coverage@K}; 0 to skip coverage
     * @return metric means keyed {@code precision@K ... hit_rate@K, mrr, coverage@K, users}
     */
    public LinkedHashMap<String, Double> evaluate(Dataset<Row> recs, Dataset<Row> relevant, long catalogSize) {
        return evaluate(recs, relevant, catalogSize, null).metrics();
    }

    /**
     * As {@link #evaluate(Dataset, Dataset, long)}; with {@code inputs}, also the {@link Diagnostics}, from the same
     * pass over the users (curves and activity bins) and one aggregation over the items (deciles, with coverage).
     * The metric means are the same either way.
     */
    public Evaluated evaluate(Dataset<Row> recs, Dataset<Row> relevant, long catalogSize, DiagnosticInputs inputs) {
        Dataset<Row> recLists = recs.groupBy(Columns.USER)
                .agg(sort_array(collect_list(struct(col(Columns.RANK), col(Columns.ITEM)))).as("recs"));
        Dataset<Row> truthLists = relevant.groupBy(Columns.USER).agg(collect_set(col(Columns.ITEM)).as("truth"));
        // a using-column join stays correct when both inputs derive from the same table (a self-join)
        Dataset<Row> joined = truthLists.join(recLists, new String[] {Columns.USER},
                users == UserSet.TRUTH ? "left" : "full_outer");
        joined = inputs == null
                ? joined.select("truth", "recs")
                : joined.join(inputs.activity(), new String[] {Columns.USER}, "left").select(col("truth"), col("recs"),
                        coalesce(col("n"), lit(0L)).as("n"));
        int[] cutoffs = ks;
        int curveK = inputs == null ? 0 : inputs.curveK();
        boolean bins = inputs != null;
        // with a curve, the lists may run past the largest evaluated K; the metric means see them cut there
        long cut = curveK > 0 ? maxK() : Long.MAX_VALUE;
        EvaluationSummary summary = joined.javaRDD().mapPartitions((FlatMapFunction<java.util.Iterator<Row>, EvaluationSummary>) rows -> {
            EvaluationSummary s = new EvaluationSummary(cutoffs, curveK, bins);
            while (rows.hasNext()) {
                Row r = rows.next();
                long n = bins ? r.getLong(2) : 0;
                long[] truth = r.isNullAt(0) ? new long[0] : toLongs(r.getList(0));
                if (truth.length == 0) {
                    s.addUserWithoutRelevant(n);
                    continue;
                }
                List<Row> entries = r.isNullAt(1) ? List.of() : r.getList(1);
                long[] ranked = new long[entries.size()];
                int upTo = 0;
                for (int i = 0; i < ranked.length; i++) {
                    ranked[i] = entries.get(i).getLong(1);
                    if (((Number) entries.get(i).get(0)).longValue() <= cut) {
                        upTo = i + 1;
                    }
                }
                RankedList list = RankedList.of(upTo == ranked.length ? ranked : java.util.Arrays.copyOf(ranked, upTo), truth);
                s.add(list, curveK > 0 && upTo < ranked.length ? RankedList.of(ranked, truth) : list, n);
            }
            return Collections.singletonList(s).iterator();
        }).reduce(EvaluationSummary::merge);
        LinkedHashMap<String, Double> out = new LinkedHashMap<>(summary.all().means());
        List<Diagnostics.Decile> deciles = List.of();
        if (inputs != null) {
            deciles = deciles(recs, inputs.itemDeciles(), catalogSize > 0 ? out : null, catalogSize);
        } else if (catalogSize > 0) {
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
        out.put("users", (double) summary.all().users());
        if (inputs == null) {
            return new Evaluated(out, null);
        }
        RankingCurve c = summary.curve();
        Diagnostics.Curve curve = c == null ? null : new Diagnostics.Curve(c.maxK(), c.precision(), c.recall(), c.ndcg());
        List<Diagnostics.ActivityBin> activity = new ArrayList<>();
        summary.bins().forEach((b, s) -> {
            LinkedHashMap<Integer, Double> ndcg = new LinkedHashMap<>();
            for (int k : cutoffs) {
                ndcg.put(k, s.mean(animerec.metrics.MetricKeys.ndcg(k)));
            }
            activity.add(new Diagnostics.ActivityBin(Diagnostics.binMin(b), Diagnostics.binMax(b), s.users(), ndcg));
        });
        return new Evaluated(out, new Diagnostics(curve, activity, deciles, cutoffs.clone(), catalogSize));
    }

    /**
     * One aggregation over the items: per popularity decile, its items, their train interactions, the recommended
     * slots at each K and the items recommended at each K. Items recommended but absent from {@code itemDeciles}
     * count for coverage only. With {@code coverage} not null, puts {@code coverage@K} there.
     */
    private List<Diagnostics.Decile> deciles(Dataset<Row> recs, Dataset<Row> itemDeciles, LinkedHashMap<String, Double> coverage,
                                             long catalogSize) {
        Column[] perItem = new Column[ks.length + 1];
        perItem[0] = min(col(Columns.RANK)).as("best");
        for (int i = 0; i < ks.length; i++) {
            perItem[i + 1] = sum(when(col(Columns.RANK).leq(ks[i]), 1L).otherwise(0L)).as("slots" + i);
        }
        Dataset<Row> best = recs.groupBy(Columns.ITEM).agg(perItem[0], java.util.Arrays.copyOfRange(perItem, 1, perItem.length));
        Dataset<Row> items = itemDeciles.join(best, new String[] {Columns.ITEM}, "full_outer")
                .withColumn("decile", coalesce(col("decile"), lit(0)));
        List<Column> aggs = new ArrayList<>(List.of(count(col("n")).as("items"), min(col("n")).as("min_n"),
                max(col("n")).as("max_n"), sum(col("n")).as("sum_n")));
        for (int i = 0; i < ks.length; i++) {
            aggs.add(sum(when(col("best").leq(ks[i]), 1L).otherwise(0L)).as("rec_items" + i));
            aggs.add(sum(coalesce(col("slots" + i), lit(0L))).as("rec_slots" + i));
        }
        List<Row> rows = items.groupBy("decile").agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new))
                .orderBy("decile").collectAsList();
        long trainTotal = 0;
        long[] slotTotal = new long[ks.length];
        long[] recommended = new long[ks.length];
        for (Row r : rows) {
            trainTotal += r.isNullAt(4) ? 0 : r.getLong(4);
            for (int i = 0; i < ks.length; i++) {
                recommended[i] += r.getLong(5 + 2 * i);
                slotTotal[i] += r.getLong(6 + 2 * i);
            }
        }
        if (coverage != null) {
            for (int i = 0; i < ks.length; i++) {
                coverage.put("coverage@" + ks[i], CatalogCoverage.of(recommended[i], catalogSize));
            }
        }
        List<Diagnostics.Decile> out = new ArrayList<>();
        for (Row r : rows) {
            int d = r.getInt(0);
            if (d == 0) {
                continue;
            }
            LinkedHashMap<Integer, Double> share = new LinkedHashMap<>();
            LinkedHashMap<Integer, Long> recItems = new LinkedHashMap<>();
            for (int i = 0; i < ks.length; i++) {
                share.put(ks[i], slotTotal[i] == 0 ? 0.0 : (double) r.getLong(6 + 2 * i) / slotTotal[i]);
                recItems.put(ks[i], r.getLong(5 + 2 * i));
            }
            out.add(new Diagnostics.Decile(d, r.getLong(1), r.getLong(2), r.getLong(3),
                    trainTotal == 0 ? 0.0 : (double) r.getLong(4) / trainTotal, share, recItems));
        }
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
