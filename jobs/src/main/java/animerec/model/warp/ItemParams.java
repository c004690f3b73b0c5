package animerec.model.warp;

import java.io.Serializable;

/**
 * Item-feature parameters: embeddings (feature-major, {@code features × d}), biases, and the learning-schedule
 * state (adagrad: sums of squared gradients, starting at 1 as in LightFM; adadelta: running averages of squared
 * gradients and of squared updates, starting at 0). Also used for the change one task made in a round.
 */
final class ItemParams implements Serializable {
    private static final long serialVersionUID = 1L;
    final float[] emb;
    final float[] bias;
    final float[] embG;
    final float[] biasG;
    final float[] embM; // adadelta only, else null
    final float[] biasM;

    ItemParams(float[] emb, float[] bias, float[] embG, float[] biasG, float[] embM, float[] biasM) {
        this.emb = emb;
        this.bias = bias;
        this.embG = embG;
        this.biasG = biasG;
        this.embM = embM;
        this.biasM = biasM;
    }

    ItemParams copy() {
        return new ItemParams(emb.clone(), bias.clone(), embG.clone(), biasG.clone(),
                embM == null ? null : embM.clone(), biasM == null ? null : biasM.clone());
    }

    /** {@code this − base}, element-wise. */
    ItemParams minus(ItemParams base) {
        return new ItemParams(sub(emb, base.emb), sub(bias, base.bias), sub(embG, base.embG), sub(biasG, base.biasG),
                embM == null ? null : sub(embM, base.embM), biasM == null ? null : sub(biasM, base.biasM));
    }

    /** Every parameter and schedule entry times {@code f}. */
    ItemParams scaled(float f) {
        return new ItemParams(mul(emb, f), mul(bias, f), mul(embG, f), mul(biasG, f),
                embM == null ? null : mul(embM, f), biasM == null ? null : mul(biasM, f));
    }

    private static float[] mul(float[] a, float f) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * f;
        }
        return out;
    }

    /** Adds {@code delta} in place. */
    void add(ItemParams delta) {
        add(emb, delta.emb);
        add(bias, delta.bias);
        add(embG, delta.embG);
        add(biasG, delta.biasG);
        if (embM != null) {
            add(embM, delta.embM);
            add(biasM, delta.biasM);
        }
    }

    private static float[] sub(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    private static void add(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
    }
}
