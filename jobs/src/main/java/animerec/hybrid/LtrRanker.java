package animerec.hybrid;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.linalg.Vectors;

/**
 * The learned second stage of {@code hybrid-ltr}: a gradient-boosted tree model over {@link LtrFeatures} whose
 * margin orders a user's candidates (higher first, ties to the lower item id).
 */
final class LtrRanker implements Serializable {
    private static final long serialVersionUID = 1L;
    final GBTClassificationModel trees;
    final LtrFeatures features;

    LtrRanker(GBTClassificationModel trees, LtrFeatures features) {
        this.trees = trees;
        this.features = features;
    }

    double[] scores(UserCandidates u) {
        double[][] f = features.of(u);
        double[] s = new double[f.length];
        for (int j = 0; j < s.length; j++) {
            s[j] = trees.predictRaw(Vectors.dense(f[j])).apply(1);
        }
        return s;
    }

    /** Candidate indices of the top {@code k}, best first. */
    int[] top(UserCandidates u, int k) {
        return topOf(scores(u), k);
    }

    static int[] topOf(double[] s, int k) {
        Integer[] order = new Integer[s.length];
        for (int j = 0; j < s.length; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a])); // stable: items ascending, so ties keep the lower id
        int n = Math.min(k, s.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = order[i];
        }
        return out;
    }
}
