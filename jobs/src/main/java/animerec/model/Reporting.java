package animerec.model;

import com.fasterxml.jackson.databind.JsonNode;

/** A model whose fit learned something beyond its parameters that is worth recording (weights, sizes, timings). */
public interface Reporting extends RecommenderModel {
    /** What the fit learned, as JSON. */
    JsonNode report();

    /** The report of {@code model}, or null when it keeps none. */
    static JsonNode of(RecommenderModel model) {
        return model instanceof Reporting r ? r.report() : null;
    }
}
