package animerec.cli;

import animerec.eval.RankingEvaluator;
import animerec.eval.RankingFiles;
import animerec.eval.UserSet;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Evaluate recommendations from any system against held-out truth.",
            "--recs: CSV/TSV user_id,item_id,rank (or a score column to sort by);",
            "--truth: CSV/TSV user_id,item_id[,relevance]. Definitions follow Spark's RankingMetrics."})
final class MetricsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--recs", required = true, paramLabel = "FILE") String recs;

    @Option(names = "--truth", required = true, paramLabel = "FILE") String truth;

    @Option(names = "--k", split = ",", description = "cut-offs (default: 1,5,10)")
    int[] ks = {1, 5, 10};

    @Option(names = "--users", description = "truth (users with a relevant item; default) or union (also users with "
            + "recommendations but nothing relevant, as zeros: Spark's convention)")
    String users = "truth";

    @Option(names = "--catalog-size", description = "number of candidate items, to report coverage@K")
    long catalogSize;

    @Option(names = "--json", paramLabel = "OUT", description = "write the metrics as JSON")
    String json;

    @Override
    public Integer call() {
        for (int k : ks) {
            if (k <= 0) {
                throw new UserError("--k values must be positive, got " + k);
            }
        }
        SparkSession spark = common.spark("animerec metrics");
        Dataset<Row> r = RankingFiles.readRecommendations(spark, recs);
        Dataset<Row> t = RankingFiles.readTruth(spark, truth);
        LinkedHashMap<String, Double> m = new RankingEvaluator(ks, UserSet.parse(users)).evaluate(r, t, catalogSize);
        System.out.printf("%-14s %10s%n", "metric", "value");
        m.forEach((key, v) -> System.out.printf("%-14s %10s%n", key,
                key.equals("users") ? String.valueOf(v.longValue()) : String.format("%.6f", v)));
        if (json != null) {
            ObjectNode n = Json.object();
            m.forEach((key, v) -> {
                if (key.equals("users")) {
                    n.put(key, v.longValue());
                } else {
                    n.put(key, v);
                }
            });
            HadoopFiles.writeStringAtomically(spark.sparkContext().hadoopConfiguration(), json, Json.write(n));
            System.out.println("wrote " + json);
        }
        return 0;
    }
}
