package animerec.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Formats evaluated models as a table, best NDCG@K first. */
public final class Leaderboard {
    private Leaderboard() {
    }

    /** One row: a model label and its metrics. */
    public record Entry(String model, Map<String, Double> metrics, double fitSeconds) {
    }

    public static String format(List<Entry> entries, int k) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingDouble((Entry e) -> -e.metrics().getOrDefault("ndcg@" + k, 0.0)));
        String[] cols = {"ndcg@" + k, "map@" + k, "precision@" + k, "recall@" + k, "hit_rate@" + k, "coverage@" + k, "rmse"};
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-4s %-22s", "#", "model"));
        for (String c : cols) {
            sb.append(String.format(" %12s", c));
        }
        sb.append(String.format(" %9s%n", "fit (s)"));
        int i = 1;
        for (Entry e : sorted) {
            sb.append(String.format("%-4d %-22s", i++, e.model()));
            for (String c : cols) {
                Double v = e.metrics().get(c);
                sb.append(v == null ? String.format(" %12s", "-") : String.format(" %12.4f", v));
            }
            sb.append(String.format(" %9.2f%n", e.fitSeconds()));
        }
        return sb.toString();
    }
}
