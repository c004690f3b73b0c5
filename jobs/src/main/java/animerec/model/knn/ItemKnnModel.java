package animerec.model.knn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import animerec.data.Columns;
import animerec.model.ParamMap;
import animerec.model.RecommenderModel;
import animerec.model.Explainer;
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
public final class ItemKnnModel implements Explainer {
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

    /** "similar to ..." : the user's own items whose neighbour lists hold the item, most similar first (3 at most). */
    @Override
    public Dataset<Row> reasons(Dataset<Row> pairs, Dataset<Row> seen) {
        Dataset<Row> history = seen.select(col(Columns.USER), col(Columns.ITEM).as("because")).distinct();
        Dataset<Row> links = neighbours.select(col(Columns.ITEM).as("because"), col(NEIGHBOUR).as(Columns.ITEM), col(Neighbourhoods.SIM));
        return pairs.select(Columns.USER, Columns.ITEM).distinct()
                .join(history, new String[] {Columns.USER})
                .join(links, new String[] {"because", Columns.ITEM})
                .withColumn("r", row_number().over(Window.partitionBy(Columns.USER, Columns.ITEM)
                        .orderBy(col(Neighbourhoods.SIM).desc(), col("because"))))
                .filter(col("r").leq(3))
                .groupBy(Columns.USER, Columns.ITEM)
                .agg(org.apache.spark.sql.functions.concat_ws(", ", org.apache.spark.sql.functions.transform(
                        org.apache.spark.sql.functions.sort_array(org.apache.spark.sql.functions.collect_list(
                                org.apache.spark.sql.functions.struct(col("r"), col("because")))),
                        x -> x.getField("because").cast("string"))).as("list"))
                .select(col(Columns.USER), col(Columns.ITEM),
                        org.apache.spark.sql.functions.concat(org.apache.spark.sql.functions.lit("item-knn: similar to items you have: "), col("list")).as("why"));
    }

    @Override
    public void save(String path) {
        neighbours.write().parquet(path + "/neighbours");
    }

    static ItemKnnModel load(SparkSession spark, String path, ParamMap params) {
        return new ItemKnnModel(params, spark.read().parquet(path + "/neighbours").persist(StorageLevel.MEMORY_AND_DISK()));
    }
}
