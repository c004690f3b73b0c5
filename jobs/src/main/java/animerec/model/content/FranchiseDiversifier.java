package animerec.model.content;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maximal-marginal-relevance re-ranking against franchise repeats: from a candidate list (best first), picks
 * {@code k} items one at a time, each maximising {@code (1 - d) * s - d * r}, where {@code s} is the candidate's
 * score min-max normalised over the candidates and {@code r} is 1 when its franchise ({@link
 * animerec.data.Franchise#key}) is already in the list or among the seed's, else 0. With {@code d = 0} the list is
 * the candidates' own order; as {@code d} grows, sequels and side stories of the seed and of listed items move down
 * until, once {@code d > 0.5}, they come only after every other candidate. Ties keep the candidates' order.
 */
public final class FranchiseDiversifier {
    /** One candidate: its item and score. */
    public record Scored(long item, double score) {
    }

    private FranchiseDiversifier() {
    }

    /**
     * @param franchiseOf the franchise key of each candidate (missing or "" = a franchise of its own)
     * @param seedFranchises franchises already "in the list" (the seed item's, or the liked items')
     */
    public static List<Scored> rerank(List<Scored> candidates, Map<Long, String> franchiseOf, Set<String> seedFranchises,
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
        Set<String> listed = new HashSet<>();
        for (String f : seedFranchises) {
            if (f != null && !f.isEmpty()) {
                listed.add(f);
            }
        }
        List<Scored> left = new ArrayList<>(candidates);
        List<Scored> out = new ArrayList<>();
        while (out.size() < k && !left.isEmpty()) {
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < left.size(); i++) {
                String f = franchiseOf.getOrDefault(left.get(i).item(), "");
                double repeat = !f.isEmpty() && listed.contains(f) ? 1 : 0;
                double value = (1 - diversity) * norm.get(left.get(i).item()) - diversity * repeat;
                if (value > bestValue) {
                    bestValue = value;
                    best = i;
                }
            }
            Scored pick = left.remove(best);
            out.add(pick);
            String f = franchiseOf.getOrDefault(pick.item(), "");
            if (!f.isEmpty()) {
                listed.add(f);
            }
        }
        return out;
    }
}
