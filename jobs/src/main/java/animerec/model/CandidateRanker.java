package animerec.model;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A model that ranks a given candidate set, including items nobody had interacted with at training time. */
public interface CandidateRanker extends RecommenderModel {
    /** Top-{@code k} for each user among {@code candidates} ({@code anime_id}) only, minus the user's {@code seen} rows. */
    Dataset<Row> recommendAmong(Dataset<Row> users, Dataset<Row> candidates, Dataset<Row> seen, int k);
}
