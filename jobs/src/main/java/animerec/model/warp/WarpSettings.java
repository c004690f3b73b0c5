package animerec.model.warp;

import java.io.Serializable;

/** The settings of one WARP/BPR fit, validated by {@link WarpRecommender}'s parameters. */
record WarpSettings(Loss loss, int components, int epochs, float learningRate, boolean adadelta, float rho,
                    float epsilon, int maxSampled, float itemAlpha, float userAlpha, boolean genreFeatures,
                    int partitions, int roundsPerEpoch, boolean averageMixing, double minRating) implements Serializable {

    /** The pairwise loss: WARP (sample until a violation) or BPR (one sampled negative, logistic weight). */
    enum Loss {
        WARP, BPR
    }
}
