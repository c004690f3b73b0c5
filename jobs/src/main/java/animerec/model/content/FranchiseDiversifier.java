package animerec.model.content;

import animerec.data.Franchise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maximal-marginal-relevance re-ranking against franchise repeats: from a candidate list (best first), picks
 * {@code k} items one at a time, each maximising {@code (1 - d) * s - d * r}, where {@code s} is the candidate's
 * score min-max normalised over the candidates and {@code r} is 1 when its title is {@link Franchise#related} to a
 * seed title or to an item already picked, else 0. With {@code d = 0} the list is the candidates' own order; as
 * {@code d} grows, sequels and side stories of the seed and of listed items move down until, once {@code d > 0.5},
 * they come only after every other candidate. Ties keep the candidates' order.
 */
public final class FranchiseDiversifier {
    /** One candidate: its item and score. */
    public record Scored(long item, double score) {
    }

    private FranchiseDiversifier() {
    }

    /**
     * @param names the title of each candidate (missing = related to nothing)
     * @param seedTitles titles already "in the list" (the seed item's, or the liked items')
     */
    public static List<Scored> rerank(List<Scored> candidates, Map<Long, String> names, List<String> seedTitles,
                                      double diversity, int k) {
        if (diversity < 0 || diversity > 1) {
            throw new IllegalArgumentException("diversity must be in [0, 1], got " + diversity);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Scored c : candidates) {
            min = Math.min(min, c.score());
            max = Math.max(max, c.score());
        }
        Map<Long, Double> norm = new HashMap<>();
        for (Scored c : candidates) {
            norm.put(c.item(), max > min ? (c.score() - min) / (max - min) : 1.0);
        }
        List<String> listed = new ArrayList<>(seedTitles);
        List<Scored> left = new ArrayList<>(candidates);
        List<Scored> out = new ArrayList<>();
        while (out.size() < k && !left.isEmpty()) {
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < left.size(); i++) {
                String title = names.get(left.get(i).item());
                double repeat = diversity > 0 && listed.stream().anyMatch(t -> Franchise.related(t, title)) ? 1 : 0;
                double value = (1 - diversity) * norm.get(left.get(i).item()) - diversity * repeat;
                if (value > bestValue) {
                    bestValue = value;
                    best = i;
                }
            }
            Scored pick = left.remove(best);
            out.add(pick);
            String title = names.get(pick.item());
            if (title != null) {
                listed.add(title);
            }
        }
        return out;
    }
}
