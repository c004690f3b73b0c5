package animerec.model.warp;

import java.io.Serializable;

/** One partition's user embeddings ({@code users × d}) and their learning-schedule state. */
final class UserParams implements Serializable {
    private static final long serialVersionUID = 1L;
    final float[] emb;
    final float[] embG;
    final float[] embM; // adadelta only

    UserParams(float[] emb, float[] embG, float[] embM) {
        this.emb = emb;
        this.embG = embG;
        this.embM = embM;
    }

    UserParams copy() {
        return new UserParams(emb.clone(), embG.clone(), embM == null ? null : embM.clone());
    }
}
