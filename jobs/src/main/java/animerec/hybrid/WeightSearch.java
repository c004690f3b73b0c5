package animerec.hybrid;

import animerec.metrics.AveragePrecision;
import animerec.metrics.Ndcg;
import animerec.metrics.RankedList;
import java.io.Serializable;
import java.util.ArrayList;
import animerec.util.Progress;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * Learns component weights on validation candidates by coordinate ascent: starting from all weights 1, each
 * component's weight in turn is set to the best value of a grid (the others fixed), for validation NDCG@K with
 * MAP@K breaking ties; passes repeat until nothing changes (at most {@code maxPasses}). All grid values of a
 * step are scored in one distributed pass over the users; per-partition sums are added in partition order, so
 * the search is deterministic.
 */
final class WeightSearch {
    static final double[] GRID = {0, 0.1, 0.25, 0.5, 1, 2, 4, 8};

    private WeightSearch() {
    }

    /** The learned weights and their validation NDCG@K and MAP@K. */
    record Result(double[] weights, double ndcg, double map, int evaluations) {
    }

    static Result search(JavaRDD<UserCandidates> users, Blender blender, int components, int k, int maxPasses) {
        double[] w = new double[components];
        Arrays.fill(w, 1.0);
        double[] best = evaluate(users, blender, List.of(w), k).get(0);
        int evaluations = 1;
        for (int pass = 0; pass < maxPasses; pass++) {
            long t0 = System.nanoTime();
            boolean changed = false;
            for (int c = 0; c < components; c++) {
                List<double[]> trials = new ArrayList<>();
                for (double g : GRID) {
                    double[] t = w.clone();
                    t[c] = g;
                    trials.add(t);
                }
                List<double[]> scores = evaluate(users, blender, trials, k);
                evaluations += trials.size();
                for (int t = 0; t < trials.size(); t++) {
                    double[] s = scores.get(t);
                    if (s[0] > best[0] + 1e-12 || (Math.abs(s[0] - best[0]) <= 1e-12 && s[1] > best[1] + 1e-12)) {
                        best = s;
                        w = trials.get(t);
                        changed = true;
                    }
                }
            }
            Progress.line("  weight search pass %d/%d: validation NDCG@%d %.4f, weights %s (%.1f s)", pass + 1, maxPasses, k,
                    best[0], Arrays.toString(w), Progress.seconds(t0));
            if (!changed) {
                break;
            }
        }
        return new Result(w, best[0], best[1], evaluations);
    }

    /** One way to rank a user's candidates: candidate indices, best first, at most k. */
    interface Ranking extends Serializable {
        int[] top(UserCandidates u, int k);
    }

    /** Mean NDCG@k and MAP@k over users with relevant items, for each weight vector. */
    static List<double[]> evaluate(JavaRDD<UserCandidates> users, Blender blender, List<double[]> weightSets, int k) {
        List<Ranking> rankings = new ArrayList<>();
        for (double[] w : weightSets) {
            rankings.add((u, n) -> blender.top(u, w, n));
        }
        return evaluate(users, rankings, k);
    }

    /**
     * Mean NDCG@k and MAP@k of each component's own list (its ranks, nothing else): what the component scores on
     * the carve-out, whatever the strategy, normalisation and other components. A one-component blend is not that:
     * with min-max scores the bottom of a list ties with the items it did not list, which then come in by item id.
     */
    static List<double[]> evaluateOwnLists(JavaRDD<UserCandidates> users, int components, int k) {
        List<Ranking> rankings = new ArrayList<>();
        for (int c = 0; c < components; c++) {
            int component = c;
            rankings.add((u, n) -> u.ownTop(component, n));
        }
        return evaluate(users, rankings, k);
    }

    static List<double[]> evaluate(JavaRDD<UserCandidates> users, List<Ranking> rankings, int k) {
        int n = rankings.size();
        List<double[]> partials = users.mapPartitions(it -> {
            double[] sums = new double[2 * n + 1];
            while (it.hasNext()) {
                UserCandidates u = it.next();
                if (u.relevant == null || u.relevant.length == 0) {
                    continue;
                }
                sums[2 * n] += 1;
                for (int t = 0; t < n; t++) {
                    int[] top = rankings.get(t).top(u, k);
                    long[] ranked = new long[top.length];
                    for (int i = 0; i < top.length; i++) {
                        ranked[i] = u.items[top[i]];
                    }
                    RankedList list = RankedList.of(ranked, u.relevant);
                    sums[2 * t] += Ndcg.at(list, k);
                    sums[2 * t + 1] += AveragePrecision.at(list, k);
                }
            }
            return Collections.singletonList(sums).iterator();
        }).collect();
        double[] total = new double[2 * n + 1];
        for (double[] p : partials) {
            for (int i = 0; i < total.length; i++) {
                total[i] += p[i];
            }
        }
        List<double[]> out = new ArrayList<>(n);
        double count = Math.max(1, total[2 * n]);
        for (int t = 0; t < n; t++) {
            out.add(new double[] {total[2 * t] / count, total[2 * t + 1] / count});
        }
        return out;
    }
}
