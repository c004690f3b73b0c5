package animerec.model;

/** A family that trains in epochs (svd, warp, bpr, any later SGD family) and reports to a listener along the way. */
public interface EpochTrainable extends Recommender {
    /** {@link #fit} with {@code listener} called after every epoch (null: none). */
    RecommenderModel fit(TrainingData data, ParamMap params, long seed, EpochListener listener);
}
