package animerec.hybrid;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-candidate features of {@code hybrid-ltr}: for each component its reciprocal rank, its min-max
 * normalised score and its z-score on the user's list (all 0 where it did not list the item), then how many components listed
 * the item, the user's activity (log1p of train interactions) and the item's popularity (log of the share of
 * training users who have it). Scale-free by design: the ranker is learned on components fitted on the
 * validation carve-out's train and applied to components fitted on all of train, whose raw scores differ.
 */
final class LtrFeatures implements Serializable {
    private static final long serialVersionUID = 1L;
    final int components;
    /** Users in the training data the components were fitted on (the popularity share's denominator). */
    final double users;

    LtrFeatures(int components, double users) {
        this.components = components;
        this.users = Math.max(1, users);
    }

    int size() {
        return 3 * components + 3;
    }

    static List<String> names(List<String> componentNames) {
        List<String> out = new ArrayList<>();
        for (String c : componentNames) {
            out.add(c + ".reciprocal_rank");
            out.add(c + ".score_minmax");
            out.add(c + ".score_z");
        }
        out.add("listed_by");
        out.add("log1p_user_activity");
        out.add("log_item_share");
        return out;
    }

    /** The features of every candidate of {@code u} (whose {@code norm} must be min-max normalised), by candidate. */
    double[][] of(UserCandidates u) {
        int m = u.items.length;
        double[][] f = new double[m][size()];
        int[] listed = new int[m];
        for (int c = 0; c < components; c++) {
            double sum = 0;
            double sumSq = 0;
            int count = 0;
            for (int j = 0; j < m; j++) {
                if (u.rank[c][j] > 0) {
                    sum += u.raw[c][j];
                    sumSq += (double) u.raw[c][j] * u.raw[c][j];
                    count++;
                }
            }
            double mean = count == 0 ? 0 : sum / count;
            double std = count == 0 ? 0 : Math.sqrt(Math.max(0, sumSq / count - mean * mean));
            for (int j = 0; j < m; j++) {
                int r = u.rank[c][j];
                if (r > 0) {
                    f[j][3 * c] = 1.0 / r;
                    f[j][3 * c + 1] = u.norm[c][j];
                    f[j][3 * c + 2] = std > 0 ? (u.raw[c][j] - mean) / std : 0;
                    listed[j]++;
                }
            }
        }
        int base = 3 * components;
        for (int j = 0; j < m; j++) {
            f[j][base] = listed[j];
            f[j][base + 1] = Math.log1p(u.activity);
            long count = u.itemCount == null ? 0 : u.itemCount[j];
            f[j][base + 2] = Math.log((count + 1.0) / users);
        }
        return f;
    }
}
