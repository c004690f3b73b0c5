package animerec.model.serving;

import animerec.model.RecommenderModel;

/**
 * A model that can be served from memory ({@code animerec serve}): {@link #serving} collects its data (factors,
 * neighbour lists, item scores) to the driver once, into a {@link ServingModel} that answers without Spark.
 */
public interface Servable extends RecommenderModel {
    ServingModel serving();
}
