package animerec.model.warp;

import animerec.data.Columns;
import animerec.model.ParamMap;
import animerec.model.RecommenderModel;
import animerec.model.CandidateRanker;
import animerec.model.factor.BlockedTopKScorer;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * A fitted WARP or BPR model: user vectors [embedding, 1] and item vectors [representation, bias], so that the
 * shared blocked scorer's dot product is LightFM's score (the user bias, constant per user, is left out: it
 * changes no ranking). With genre features, items that had no interactions still have a representation.
 */
public final class WarpModel implements CandidateRanker {
    private final String family;
    private final ParamMap params;
    private final Dataset<Row> users;
    private final Dataset<Row> items;
    private final double[] epochSeconds;

    /** A model over given vectors (for example an epoch snapshot during training). */
    public static WarpModel of(String family, ParamMap params, Dataset<Row> users, Dataset<Row> items) {
        return new WarpModel(family, params, users, items, new double[0]);
    }

    WarpModel(String family, ParamMap params, Dataset<Row> users, Dataset<Row> items, double[] epochSeconds) {
        this.family = family;
        this.params = params;
        this.users = users;
        this.items = items;
        this.epochSeconds = epochSeconds;
    }

    @Override
    public String family() {
        return family;
    }

    @Override
    public ParamMap params() {
        return params;
    }

    /** Wall seconds of every epoch (empty for a loaded model). */
    public double[] epochSeconds() {
        return epochSeconds.clone();
    }

    /** {@code user_id, vector}. */
    public Dataset<Row> userVectors() {
        return users;
    }

    /** {@code anime_id, vector}: every item the model can score (with genre features, unrated ones too). */
    public Dataset<Row> itemVectors() {
        return items;
    }

    @Override
    public Dataset<Row> recommend(Dataset<Row> targetUsers, Dataset<Row> seen, int k) {
        return BlockedTopKScorer.defaults().recommend(users, items, targetUsers, seen, k);
    }

    /** Top-{@code k} among {@code candidates}; with genre features this includes items nobody has interacted with. */
    @Override
    public Dataset<Row> recommendAmong(Dataset<Row> targetUsers, Dataset<Row> candidates, Dataset<Row> seen, int k) {
        Dataset<Row> among = items.join(candidates.select(Columns.ITEM).distinct(), new String[] {Columns.ITEM}, "left_semi");
        return BlockedTopKScorer.defaults().recommend(users, among, targetUsers, seen, k);
    }

    @Override
    public void save(String path) {
        users.write().parquet(path + "/user_vectors");
        items.write().parquet(path + "/item_vectors");
        ObjectNode meta = Json.object();
        meta.put("loss", family);
        meta.put("vector_layout", "user [embedding, 1] . item [representation, bias]");
        HadoopFiles.writeStringAtomically(users.sparkSession().sparkContext().hadoopConfiguration(),
                path + "/warp.json", Json.write(meta));
    }

    static WarpModel load(String family, SparkSession spark, String path, ParamMap params) {
        Dataset<Row> u = spark.read().parquet(path + "/user_vectors").persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> i = spark.read().parquet(path + "/item_vectors").persist(StorageLevel.MEMORY_AND_DISK());
        return new WarpModel(family, params, u, i, new double[0]);
    }
}
