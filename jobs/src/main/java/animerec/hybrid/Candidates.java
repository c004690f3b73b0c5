package animerec.hybrid;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import animerec.data.Columns;
import animerec.model.RecommenderModel;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Builds every user's {@link UserCandidates} from the components' top-N lists: the lists are unioned with a
 * component index, grouped per user and joined with the user's activity (and relevant items) as distributed
 * Spark operations; nothing per user reaches the driver.
 */
final class Candidates {
    private Candidates() {
    }

    /**
     * @param activity {@code user_id, n} (train interactions per user)
     * @param relevant {@code user_id, anime_id} relevant held-out items, or null
     */
    static JavaRDD<UserCandidates> build(List<RecommenderModel> components, Dataset<Row> users, Dataset<Row> seen,
                                         int listLength, BlendStrategy.Normalisation normalisation,
                                         Dataset<Row> activity, Dataset<Row> relevant) {
        return build(components, users, seen, listLength, normalisation, activity, relevant, null);
    }

    /**
     * As above; with {@code itemCounts} ({@code anime_id, count}: train interactions per item) each candidate also
     * carries its item's count ({@link UserCandidates#itemCount}), joined distributed before the grouping.
     */
    static JavaRDD<UserCandidates> build(List<RecommenderModel> components, Dataset<Row> users, Dataset<Row> seen,
                                         int listLength, BlendStrategy.Normalisation normalisation,
                                         Dataset<Row> activity, Dataset<Row> relevant, Dataset<Row> itemCounts) {
        Dataset<Row> all = null;
        for (int c = 0; c < components.size(); c++) {
            Dataset<Row> recs = components.get(c).recommend(users, seen, listLength)
                    .select(col(Columns.USER), col(Columns.ITEM), lit(c).as("component"), col(Columns.RANK),
                            col(Columns.SCORE).cast("double").as(Columns.SCORE));
            all = all == null ? recs : all.unionByName(recs);
        }
        boolean withCounts = itemCounts != null;
        if (withCounts) {
            all = all.join(itemCounts.select(col(Columns.ITEM), col("count").cast("long").as("item_count")),
                    new String[] {Columns.ITEM}, "left");
        } else {
            all = all.withColumn("item_count", lit(0L));
        }
        Dataset<Row> grouped = all.groupBy(Columns.USER)
                .agg(collect_list(struct(col(Columns.ITEM), col("component"), col(Columns.RANK), col(Columns.SCORE),
                        col("item_count"))).as("entries"))
                .join(activity.select(col(Columns.USER), col("n")), new String[] {Columns.USER}, "left");
        if (relevant != null) {
            Dataset<Row> truth = relevant.groupBy(Columns.USER).agg(collect_list(col(Columns.ITEM)).as("relevant"));
            grouped = grouped.join(truth, new String[] {Columns.USER}, "left");
        }
        int components0 = components.size();
        boolean withTruth = relevant != null;
        return grouped.javaRDD().map(r -> {
            List<Row> entries = r.getList(1);
            int m = entries.size();
            long[] items = new long[m];
            int[] comp = new int[m];
            int[] rank = new int[m];
            double[] score = new double[m];
            long[] counts = withCounts ? new long[m] : null;
            for (int e = 0; e < m; e++) {
                Row x = entries.get(e);
                items[e] = x.getLong(0);
                comp[e] = x.getInt(1);
                rank[e] = x.getInt(2);
                score[e] = x.getDouble(3);
                if (withCounts) {
                    counts[e] = x.isNullAt(4) ? 0 : x.getLong(4);
                }
            }
            UserCandidates u = UserCandidates.of(r.getLong(0), items, comp, rank, score, components0, listLength, normalisation);
            if (withCounts) {
                u.itemCount = new long[u.items.length];
                for (int e = 0; e < m; e++) {
                    u.itemCount[java.util.Arrays.binarySearch(u.items, items[e])] = counts[e];
                }
            }
            u.activity = r.isNullAt(2) ? 0 : r.getLong(2);
            if (withTruth) {
                u.relevant = r.isNullAt(3) ? new long[0]
                        : r.<Long>getList(3).stream().mapToLong(Long::longValue).sorted().distinct().toArray();
            }
            return u;
        });
    }
}
