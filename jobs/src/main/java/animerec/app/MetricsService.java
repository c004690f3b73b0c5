package animerec.app;

import animerec.eval.LocalRankingEvaluator;
import animerec.eval.RankingFiles;
import animerec.util.FileAccess;
import animerec.util.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;

/**
 * Scores recommendation and truth files with the ranking metrics, in plain Java (no SparkSession: local files through
 * java.nio, others through Hadoop's FileSystem); prints them and writes the JSON when asked.
 */
public final class MetricsService {
    private MetricsService() {
    }

    public static LinkedHashMap<String, Double> run(AppContext ctx, MetricsRequest request) {
        FileAccess files = ctx.files();
        RankingFiles.Recommendations r = RankingFiles.readRecommendations(files, request.recs(), "--recs");
        RankingFiles.Truth t = RankingFiles.readTruth(files, request.truth(), "--truth");
        LinkedHashMap<String, Double> m = new LocalRankingEvaluator(request.ks(), request.users())
                .evaluate(r, t, request.catalogSize());
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
            files.writeStringAtomically(request.json(), Json.write(n));
            System.out.println("wrote " + request.json());
        }
        return m;
    }
}
