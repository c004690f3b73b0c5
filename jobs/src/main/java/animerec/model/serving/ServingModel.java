package animerec.model.serving;

import java.util.List;

/**
 * A fitted model held in memory, answering one query at a time without Spark (what {@code animerec serve} asks).
 * Built once from a {@link animerec.model.serving.Servable} model and read-only afterwards, so any number of threads may
 * call it. Its lists are the batch {@code recommend}'s for the same user: the same items in the same order (ties to
 * the lower item id), scores equal up to the order of a floating-point sum.
 *
 * <p>What else a served model can do is a type it implements: {@link ReasonServing} (why an item is listed),
 * {@link SourcedServing} (a hybrid: which components listed it), {@link SimilarServing} (items like an item).
 */
public interface ServingModel {
    /** The registered name of the family that made it. */
    String family();

    /**
     * Top-{@code k} for {@code query}, best first, never an item of its history. Empty when the model cannot score
     * it: a collaborative model for an anonymous query it cannot fold in.
     */
    List<Scored> recommend(Query query, int k);

    /** Whether {@link #recommend} can answer an anonymous query (cold start from liked items). */
    boolean foldsIn();
}
