package animerec.model.popularity;

import animerec.model.serving.Query;
import animerec.model.serving.Scored;
import animerec.model.serving.ServingModel;
import java.util.ArrayList;
import java.util.List;

/** Popularity in memory: the ranked item list, walked past the query's history (the same for every user). */
final class PopularityServing implements ServingModel {
    private final String family;
    private final long[] ids;
    private final double[] scores;

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
