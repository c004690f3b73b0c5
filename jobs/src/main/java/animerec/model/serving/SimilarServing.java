package animerec.model.serving;

import java.util.List;

/** A served model that lists the items most similar to an item (item-knn's neighbour lists). */
public interface SimilarServing extends ServingModel {
    /** The most similar items to {@code item}, best first (empty for an item the model does not know). */
    List<Scored> similar(long item, int k);
}
