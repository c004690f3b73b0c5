package animerec.model.knn;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import animerec.data.Columns;
import animerec.spark.Caching;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Surprise's baseline estimates b_ui = μ + b_u + b_i fitted by alternating least squares ({@code bsl_options}
 * method {@code als}): each epoch sets b_i = Σ_u (r − μ − b_u) / (reg_i + |U_i|), then
 * b_u = Σ_i (r − μ − b_i) / (reg_u + |I_u|). Defaults: 10 epochs, reg_u 15, reg_i 10.
 */
public final class Baselines {
    public static final String BU = "bu";
    public static final String BI = "bi";

    private Baselines() {
    }

    /** μ and the bias tables ({@code user_id, bu} and {@code anime_id, bi}). */
    public record Fitted(double mu, Dataset<Row> users, Dataset<Row> items) {
    }

    /** @param ratings {@code user_id, anime_id, rating}, ratings not null */
    public static Fitted fit(Dataset<Row> ratings, int epochs, double regU, double regI) {
        Dataset<Row> r = Caching.persist(ratings.select(Columns.USER, Columns.ITEM, Columns.RATING)); // often cached by the caller
        double mu = r.agg(org.apache.spark.sql.functions.avg(Columns.RATING)).first().getDouble(0);
        Dataset<Row> bu = r.select(Columns.USER).distinct().withColumn(BU, lit(0.0));
        Dataset<Row> bi = r.select(Columns.ITEM).distinct().withColumn(BI, lit(0.0));
        for (int e = 0; e < epochs; e++) { // items first, then users, as Surprise does
            bi = r.join(bu, new String[] {Columns.USER})
                    .groupBy(Columns.ITEM)
                    .agg(sum(col(Columns.RATING).minus(mu).minus(col(BU))).as("s"), count(lit(1)).as("n"))
                    .select(col(Columns.ITEM), col("s").divide(col("n").plus(regI)).as(BI))
                    .localCheckpoint();
            bu = r.join(bi, new String[] {Columns.ITEM})
                    .groupBy(Columns.USER)
                    .agg(sum(col(Columns.RATING).minus(mu).minus(col(BI))).as("s"), count(lit(1)).as("n"))
                    .select(col(Columns.USER), col("s").divide(col("n").plus(regU)).as(BU))
                    .localCheckpoint();
        }
        r.unpersist();
        return new Fitted(mu, bu.select(col(Columns.USER), coalesce(col(BU), lit(0.0)).as(BU)),
                bi.select(col(Columns.ITEM), coalesce(col(BI), lit(0.0)).as(BI)));
    }
}
