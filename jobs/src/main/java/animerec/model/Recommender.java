package animerec.model;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A model family (Spark's Estimator side): declares its parameters, fits a {@link RecommenderModel} on
 * {@link TrainingData} (interactions and, for content models, item metadata) and loads a saved one.
 */
public interface Recommender {
    /** The name it is registered under, e.g. {@code popularity}. */
    String name();

    /** One line for {@code animerec train --help} and the model list. */
    String description();

    List<Param<?>> params();

    /** What kind of family it is (collaborative, needs the items table, fits other families). */
    FamilyTraits traits();

    default ParamMap params(Map<String, String> raw) {
        return ParamMap.of(name(), params(), raw);
    }

    /** Fits a model; {@code seed} drives every random choice. */
    RecommenderModel fit(TrainingData data, ParamMap params, long seed);

    /** Loads a model this family saved at {@code path}, with the parameters it was fitted with. */
    RecommenderModel load(SparkSession spark, String path, ParamMap params);
}
