package animerec.hybrid;

import animerec.model.serving.Query;
import animerec.model.serving.ReasonServing;
import animerec.model.serving.Scored;
import animerec.model.serving.ServingModel;
import animerec.model.serving.SourcedServing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A hybrid in memory: its components served, their weights and the same {@link Blender} as the batch path. A query's
 * candidates are the union of the components' top-N for it, normalised and blended by {@link UserCandidates} and the
 * blender, so the lists are the batch's given equal component lists. A known user's activity is their training
 * interactions (as saved with the model); an anonymous query's is the number of liked items, so the cold-start rule
 * scales the collaborative components as it would for a user with that much history.
 */
final class HybridServing implements SourcedServing {
    private final String family;
    private final List<String> names;
    private final List<ServingModel> components;
    private final double[] weights;
    private final Blender blender;
    private final BlendStrategy.Normalisation normalisation;
    private final Map<Long, Long> activity;
    private final String header;

    HybridServing(String family, List<String> names, List<ServingModel> components, double[] weights, Blender blender,
                  BlendStrategy.Normalisation normalisation, Map<Long, Long> activity, String header) {
        this.family = family;
        this.names = List.copyOf(names);
        this.components = List.copyOf(components);
        this.weights = weights.clone();
        this.blender = blender;
        this.normalisation = normalisation;
        this.activity = Map.copyOf(activity);
        this.header = header;
    }

    @Override
    public String family() {
        return family;
    }

    @Override
    public boolean foldsIn() {
        return components.stream().anyMatch(ServingModel::foldsIn);
    }

    @Override
    public String header() {
        return header;
    }

    @Override
    public List<Source> weights() {
        List<Source> out = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            out.add(new Source(names.get(c), c + 1, weights[c]));
        }
        return out;
    }

    /** The query's candidates, as the batch's {@link Candidates} builds them for one user. */
    private UserCandidates candidates(Query query) {
        List<long[]> items = new ArrayList<>();
        List<Integer> comp = new ArrayList<>();
        List<Integer> rank = new ArrayList<>();
        List<Double> score = new ArrayList<>();
        for (int c = 0; c < components.size(); c++) {
            List<Scored> list = components.get(c).recommend(query, blender.listLength);
            for (int r = 0; r < list.size(); r++) {
                items.add(new long[] {list.get(r).item()});
                comp.add(c);
                rank.add(r + 1);
                score.add(list.get(r).score());
            }
        }
        int m = items.size();
        long[] ids = new long[m];
        int[] cs = new int[m];
        int[] rs = new int[m];
        double[] ss = new double[m];
        for (int e = 0; e < m; e++) {
            ids[e] = items.get(e)[0];
            cs[e] = comp.get(e);
            rs[e] = rank.get(e);
            ss[e] = score.get(e);
        }
        UserCandidates u = UserCandidates.of(query.anonymous() ? -1 : query.user(), ids, cs, rs, ss, components.size(),
                blender.listLength, normalisation);
        u.activity = query.anonymous() ? query.size() : activity.getOrDefault(query.user(), 0L);
        return u;
    }

    /** The blend of one query: its candidates, their blended scores and the top {@code k} positions, best first. */
    private record Blend(UserCandidates candidates, double[] scores, int[] top) {
    }

    private Blend blend(Query query, int k) {
        UserCandidates u = candidates(query);
        return new Blend(u, blender.scores(u, weights), blender.top(u, weights, k));
    }

    @Override
    public List<Scored> recommend(Query query, int k) {
        Blend b = blend(query, k);
        List<Scored> out = new ArrayList<>();
        for (int j : b.top()) {
            out.add(new Scored(b.candidates().items[j], b.scores()[j]));
        }
        return out;
    }

    @Override
    public List<Explained> recommendExplained(Query query, int k) {
        Blend b = blend(query, k);
        UserCandidates u = b.candidates();
        double[] s = b.scores();
        List<Explained> out = new ArrayList<>();
        for (int j : b.top()) {
            List<Source> sources = new ArrayList<>();
            for (int c = 0; c < names.size(); c++) {
                if (u.rank[c][j] > 0) {
                    sources.add(new Source(names.get(c), u.rank[c][j], u.norm[c][j]));
                }
            }
            TreeSet<String> why = new TreeSet<>(); // the batch joins the reasons sorted
            for (ServingModel c : components) {
                if (c instanceof ReasonServing r) {
                    String w = r.why(query, u.items[j]);
                    if (w != null) {
                        why.add(w);
                    }
                }
            }
            out.add(new Explained(u.items[j], s[j], sources, why.isEmpty() ? null : String.join(" | ", why)));
        }
        return out;
    }
}
