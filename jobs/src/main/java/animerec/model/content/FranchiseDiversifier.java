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
        return rerank(candidates, id -> Franchise.Title.of(names.get(id)),
                seedTitles.stream().map(Franchise.Title::of).toList(), diversity, k);
    }

    /**
     * {@link #rerank(List, Map, List, double, int)} with the titles already parsed: {@code titles} gives each
     * candidate's (a title of null for an item without a name).
     */
    public static List<Scored> rerank(List<Scored> candidates, java.util.function.LongFunction<Franchise.Title> titles,
                                      List<Franchise.Title> seeds, double diversity, int k) {
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
        // Each candidate's title is parsed once, and its repeat flag only ever turns on: it is checked against the
        // seed titles once, then against each pick's title as that pick is made.
        List<Scored> left = new ArrayList<>(candidates);
        List<Franchise.Title> parsed = new ArrayList<>(left.size());
        List<Boolean> repeat = new ArrayList<>(left.size());
        for (Scored c : left) {
            Franchise.Title t = titles.apply(c.item());
            parsed.add(t);
            repeat.add(diversity > 0 && seeds.stream().anyMatch(x -> Franchise.related(x, t)));
        }
        List<Scored> out = new ArrayList<>();
        while (out.size() < k && !left.isEmpty()) {
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < left.size(); i++) {
                double value = (1 - diversity) * norm.get(left.get(i).item()) - diversity * (repeat.get(i) ? 1 : 0);
                if (value > bestValue) {
                    bestValue = value;
                    best = i;
                }
            }
            Scored pick = left.remove(best);
            Franchise.Title picked = parsed.remove(best);
            repeat.remove(best);
            out.add(pick);
            if (diversity > 0) {
                for (int i = 0; i < left.size(); i++) {
                    if (!repeat.get(i) && Franchise.related(picked, parsed.get(i))) {
                        repeat.set(i, true);
                    }
                }
            }
        }
        return out;
    }
}
