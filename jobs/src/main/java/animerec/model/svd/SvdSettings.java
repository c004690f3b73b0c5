package animerec.model.svd;

/**
 * Hyperparameters of biased matrix factorisation trained by SGD, with Surprise's names and meaning.
 * {@code lrDecay} multiplies every learning rate after each epoch (1 = constant, Surprise's behaviour).
 * {@code strata} is DSGD's d: users and items are hashed into d blocks each.
 */
public record SvdSettings(int factors, int epochs, float lrBu, float lrBi, float lrPu, float lrQi, float regBu,
                          float regBi, float regPu, float regQi, double initMean, double initStd, boolean biased,
                          double lrDecay, int strata) implements java.io.Serializable {
}
