package animerec.model.knn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import animerec.data.Columns;
import animerec.model.ParamMap;
import animerec.model.RecommenderModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;

/**
 * A fitted {@code item-knn}: each item's top-k neighbours ({@code anime_id, neighbour_id, sim}). A user's
 * candidates are the neighbours of the items they have (in {@code seen}), scored by the sum of
 * similarities; seen items are excluded; ties rank the lower item id first.
 */
public final class ItemKnnModel implements RecommenderModel {
    static final String NEIGHBOUR = "neighbour_id";

    private final ParamMap params;
    private final Dataset<Row> neighbours;

    ItemKnnModel(ParamMap params, Dataset<Row> neighbours) {
        this.params = params;
        this.neighbours = neighbours;
    }

    @Override
    public String family() {
        return "item-knn";
    }

    @Override
    public ParamMap params() {
        return params;
    }

    public Dataset<Row> neighbours() {
        return neighbours;
    }

    @Override
    public Dataset<Row> recommend(Dataset<Row> users, Dataset<Row> seen, int k) {
        Dataset<Row> history = seen.select(Columns.USER, Columns.ITEM).distinct()
                .join(users.select(Columns.USER).distinct(), new String[] {Columns.USER});
        Dataset<Row> scores = history.join(neighbours, new String[] {Columns.ITEM})
                .groupBy(col(Columns.USER), col(NEIGHBOUR).as(Columns.ITEM))
                .agg(sum(Neighbourhoods.SIM).as(Columns.SCORE))
                .join(history, new String[] {Columns.USER, Columns.ITEM}, "left_anti");
        return scores.withColumn(Columns.RANK, row_number().over(Window.partitionBy(Columns.USER)
                        .orderBy(col(Columns.SCORE).desc(), col(Columns.ITEM).asc())))
                .filter(col(Columns.RANK).leq(k))
                .select(col(Columns.USER), col(Columns.ITEM), col(Columns.RANK), col(Columns.SCORE));
    }

    @Override
    public void save(String path) {
        neighbours.write().parquet(path + "/neighbours");
    }

    static ItemKnnModel load(SparkSession spark, String path, ParamMap params) {
        return new ItemKnnModel(params, spark.read().parquet(path + "/neighbours").persist(StorageLevel.MEMORY_AND_DISK()));
    }
}
