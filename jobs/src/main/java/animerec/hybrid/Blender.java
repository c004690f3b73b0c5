package animerec.hybrid;

import java.io.Serializable;

/**
 * Blends one user's candidates into a top-K: the strategy's score per candidate, highest first, ties to the
 * lower item id. Components marked collaborative have their weight scaled by min(1, activity / coldThreshold),
 * so users with little history lean on the content and popularity components, and users with none use only
 * them (the cold-start rule).
 */
final class Blender implements Serializable {
    private static final long serialVersionUID = 1L;
    final BlendStrategy strategy;
    final int listLength;
    final double rrfK;
    final boolean[] collaborative;
    final int coldThreshold;

    Blender(BlendStrategy strategy, int listLength, double rrfK, boolean[] collaborative, int coldThreshold) {
        this.strategy = strategy;
        this.listLength = listLength;
        this.rrfK = rrfK;
        this.collaborative = collaborative.clone();
        this.coldThreshold = coldThreshold;
    }

    /** The weights this user gets: collaborative ones scaled down below {@code coldThreshold} interactions. */
    double[] weightsFor(UserCandidates u, double[] weights) {
        double f = coldThreshold <= 0 ? 1.0 : Math.min(1.0, (double) u.activity / coldThreshold);
        double[] w = weights.clone();
        for (int c = 0; c < w.length; c++) {
            if (collaborative[c]) {
                w[c] *= f;
            }
        }
        return w;
    }

    /** One candidate's contribution from component {@code c} (before its weight). */
    double part(UserCandidates u, int c, int j) {
        int r = u.rank[c][j];
        return switch (strategy) {
            case WEIGHTED -> u.norm[c][j];
            case RRF -> r == 0 ? 0.0 : 1.0 / (rrfK + r);
            case BORDA -> r == 0 ? 0.0 : listLength - r;
        };
    }

    /** Blended scores of every candidate, summed over components in component order. */
    double[] scores(UserCandidates u, double[] weights) {
        double[] w = weightsFor(u, weights);
        double[] s = new double[u.items.length];
        for (int c = 0; c < w.length; c++) {
            if (w[c] == 0) {
                continue;
            }
            for (int j = 0; j < s.length; j++) {
                s[j] += w[c] * part(u, c, j);
            }
        }
        return s;
    }

    /** Candidate indices of the top {@code k}, best first. */
    int[] top(UserCandidates u, double[] weights, int k) {
        return topOf(scores(u, weights), k);
    }

    /** Indices of the {@code k} highest of {@code s}, best first; ties keep the lower index (the lower item id). */
    static int[] topOf(double[] s, int k) {
        Integer[] order = new Integer[s.length];
        for (int j = 0; j < s.length; j++) {
            order[j] = j;
        }
        // items are ascending, so equal scores keep the lower id first with a stable sort
        java.util.Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
        int n = Math.min(k, s.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = order[i];
        }
        return out;
    }
}
