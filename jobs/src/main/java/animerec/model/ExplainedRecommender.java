package animerec.model;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A model whose lists say where each item came from (the hybrids: the components that listed it). */
public interface ExplainedRecommender extends RecommenderModel {
    /**
     * {@link #recommend} plus {@code sources} (the components that listed the item, with rank and normalised score)
     * and {@code why} (a component's reason, or null).
     */
    Dataset<Row> recommendExplained(Dataset<Row> users, Dataset<Row> seen, int k);

    /** One line on how the lists are made (for example the blend's weights), printed above the explanations. */
    String explanationHeader();
}
