package animerec.model.popularity;

import static animerec.util.ParquetRows.Kind.DOUBLE;
import static animerec.util.ParquetRows.Kind.LONG;

import animerec.model.serving.Query;
import animerec.model.serving.SavedModel;
import animerec.model.serving.Scored;
import animerec.model.serving.ServingModel;
import java.util.ArrayList;
import java.util.List;

/** Popularity in memory: the ranked item list, walked past the query's history (the same for every user). */
final class PopularityServing implements ServingModel {
    private final String family;
    private final long[] ids;
    private final double[] scores;

    /**
     * The saved item scores in recommendation order: score, then more interactions, then the lower id (the order
     * {@link PopularityModel#recommend} walks).
     */
    static PopularityServing read(String family, SavedModel saved) {
        List<long[]> keys = new ArrayList<>(); // {id, count}
        List<Double> values = new ArrayList<>();
        saved.rows("item_scores", List.of(LONG.of(animerec.data.Columns.ITEM), LONG.of("count"),
                DOUBLE.of(animerec.data.Columns.SCORE)), r -> {
            keys.add(new long[] {r.getLong(0), r.getLong(1)});
            values.add(r.getDouble(2) + 0.0); // -0.0 ranks as 0.0, as Spark's sort does
        });
        Integer[] order = new Integer[keys.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int c = Double.compare(values.get(b), values.get(a));
            if (c == 0) {
                c = Long.compare(keys.get(b)[1], keys.get(a)[1]);
            }
            return c != 0 ? c : Long.compare(keys.get(a)[0], keys.get(b)[0]);
        });
        long[] ids = new long[order.length];
        double[] scores = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            ids[i] = keys.get(order[i])[0];
            scores[i] = values.get(order[i]);
        }
        return new PopularityServing(family, ids, scores);
    }

    PopularityServing(String family, long[] ids, double[] scores) {
        this.family = family;
        this.ids = ids;
        this.scores = scores;
    }

    @Override
    public String family() {
        return family;
    }

    @Override
    public List<Scored> recommend(Query query, int k) {
        List<Scored> out = new ArrayList<>(Math.min(k, ids.length));
        for (int i = 0; i < ids.length && out.size() < k; i++) {
            if (!query.has(ids[i])) {
                out.add(new Scored(ids[i], scores[i]));
            }
        }
        return out;
    }

    @Override
    public boolean foldsIn() {
        return true;
    }

}
