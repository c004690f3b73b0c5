package animerec.hybrid;

import java.io.Serializable;
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
        return Blender.topOf(scores(u), k);
    }
}
