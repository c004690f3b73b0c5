package animerec.model.ease;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.sort_array;

import animerec.data.Columns;
import animerec.model.ParamMap;
import animerec.model.Recommendations;
import animerec.model.RecommenderModel;
import animerec.model.Reporting;
import animerec.model.factor.TopKHeap;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted {@code ease}. A user's history is their rows of {@code seen} (the training interactions, in the
 * harness); their score for item j is Σ B[i][j] over the items i they have, computed on the executors against
 * the broadcast weights, and a bounded heap keeps the top K, never a seen item (ties: the lower item id).
 * Items outside the training catalogue are never listed; users with no known item get no rows.
 */
public final class EaseModel implements Reporting {
    static final String FILE = "ease-weights.bin";

    /** What the fit measured. */
    record FitReport(int items, double gramSeconds, double inverseSeconds) {
    }

    private final ParamMap params;
    private final EaseWeights weights;
    private final FitReport fit;
    private transient Broadcast<EaseWeights> broadcast;

    EaseModel(ParamMap params, EaseWeights weights, FitReport fit) {
        this.params = params;
        this.weights = weights;
        this.fit = fit;
    }

    @Override
    public String family() {
        return "ease";
    }

    @Override
    public ParamMap params() {
        return params;
    }

    /** B[i][j] for item ids i and j, or NaN when either is not in the model (for tests and inspection). */
    public double weight(long from, long to) {
        int i = java.util.Arrays.binarySearch(weights.ids(), from);
        int j = java.util.Arrays.binarySearch(weights.ids(), to);
        return i < 0 || j < 0 ? Double.NaN : weights.b()[i * weights.n() + j];
    }

    @Override
    public Dataset<Row> recommend(Dataset<Row> users, Dataset<Row> seen, int k) {
        SparkSession spark = seen.sparkSession();
        List<Row> indexRows = new ArrayList<>(weights.n());
        for (int i = 0; i < weights.n(); i++) {
            indexRows.add(RowFactory.create(weights.ids()[i], i));
        }
        Dataset<Row> index = spark.createDataFrame(indexRows, new StructType()
                .add(Columns.ITEM, DataTypes.LongType, false).add("xi", DataTypes.IntegerType, false));
        Dataset<Row> history = seen.select(Columns.USER, Columns.ITEM).distinct()
                .join(users.select(Columns.USER).distinct(), new String[] {Columns.USER}, "left_semi")
                .join(index, new String[] {Columns.ITEM})
                .groupBy(Columns.USER).agg(sort_array(collect_list(col("xi"))).as("items"));
        Broadcast<EaseWeights> w = broadcast(spark);
        return spark.createDataFrame(history.javaRDD().mapPartitions(rows -> score(rows, w.value(), k)),
                Recommendations.SCHEMA);
    }

    private synchronized Broadcast<EaseWeights> broadcast(SparkSession spark) {
        if (broadcast == null) {
            broadcast = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(weights);
        }
        return broadcast;
    }

    /** Top-k per user: sums the B rows of the user's items, skips them, keeps the best k. */
    static Iterator<Row> score(Iterator<Row> users, EaseWeights w, int k) {
        int n = w.n();
        float[] b = w.b();
        long[] ids = w.ids();
        float[] acc = new float[n];
        TopKHeap heap = new TopKHeap(k);
        long[] outItems = new long[k];
        double[] outScores = new double[k];
        List<Row> out = new ArrayList<>();
        while (users.hasNext()) {
            Row r = users.next();
            long user = r.getLong(0);
            List<Integer> items = r.getList(1);
            java.util.Arrays.fill(acc, 0f);
            for (int x : items) {
                int off = x * n;
                for (int j = 0; j < n; j++) {
                    acc[j] += b[off + j];
                }
            }
            for (int x : items) {
                acc[x] = Float.NEGATIVE_INFINITY;
            }
            for (int j = 0; j < n; j++) {
                float s = acc[j];
                if (s != Float.NEGATIVE_INFINITY && heap.accepts(s, ids[j])) {
                    heap.offer(s, ids[j]);
                }
            }
            int m = heap.size();
            heap.drainBestFirst(outItems, outScores);
            for (int i = 0; i < m; i++) {
                out.add(RowFactory.create(user, outItems[i], i + 1, outScores[i]));
            }
        }
        return out.iterator();
    }

    @Override
    public JsonNode report() {
        if (fit == null) {
            return null;
        }
        ObjectNode r = Json.object();
        r.put("items", fit.items());
        r.put("gram_seconds", fit.gramSeconds());
        r.put("inverse_seconds", fit.inverseSeconds());
        r.put("blas", dev.ludovic.netlib.blas.BLAS.getInstance().getClass().getSimpleName());
        return r;
    }

    @Override
    public void save(String path) {
        Configuration conf = SparkSession.active().sparkContext().hadoopConfiguration();
        String file = HadoopFiles.child(path, FILE);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                HadoopFiles.fs(conf, file).create(new Path(file), false), 1 << 20))) {
            weights.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    static EaseModel load(SparkSession spark, String path, ParamMap params) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String file = HadoopFiles.child(path, FILE);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                HadoopFiles.fs(conf, file).open(new Path(file)), 1 << 20))) {
            return new EaseModel(params, EaseWeights.read(in, file), null);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
