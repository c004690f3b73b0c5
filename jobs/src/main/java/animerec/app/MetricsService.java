package animerec.app;

import animerec.eval.RankingEvaluator;
import animerec.eval.RankingFiles;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Scores recommendation and truth files with the ranking metrics; prints them and writes the JSON when asked. */
public final class MetricsService {
    private MetricsService() {
    }

    public static LinkedHashMap<String, Double> run(AppContext ctx, MetricsRequest request) {
        SparkSession spark = ctx.spark("animerec metrics");
        Dataset<Row> r = RankingFiles.readRecommendations(spark, request.recs());
        Dataset<Row> t = RankingFiles.readTruth(spark, request.truth());
        LinkedHashMap<String, Double> m = new RankingEvaluator(request.ks(), request.users()).evaluate(r, t, request.catalogSize());
        System.out.printf("%-14s %10s%n", "metric", "value");
        m.forEach((key, v) -> System.out.printf("%-14s %10s%n", key,
                key.equals("users") ? String.valueOf(v.longValue()) : String.format("%.6f", v)));
        if (request.json() != null) {
            ObjectNode n = Json.object();
            m.forEach((key, v) -> {
                if (key.equals("users")) {
                    n.put(key, v.longValue());
                } else {
                    n.put(key, v);
                }
            });
            HadoopFiles.writeStringAtomically(spark.sparkContext().hadoopConfiguration(), request.json(), Json.write(n));
            System.out.println("wrote " + request.json());
        }
        return m;
    }
}
