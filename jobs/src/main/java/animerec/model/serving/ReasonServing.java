package animerec.model.serving;

/** A served model that can say why it lists an item for a query (item-knn: the history items it is similar to). */
public interface ReasonServing extends ServingModel {
    /** A short reason, or null when the model has none for this item. */
    String why(Query query, long item);
}
