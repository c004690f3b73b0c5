package animerec.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An evaluation's activity bins (users by number of train interactions, in powers of two) merged into three groups of
 * about a third of the users each, cut at bin edges: few, medium, many. Users absent from train (cold) are a group of
 * their own. Each group's value is the users' mean of the metric (the bins' means weighted by their users).
 */
record ActivityGroups(List<String> labels, double[] values, List<long[]> ranges, long[] users) {

    static ActivityGroups of(JsonNode bins, String metric) {
        List<JsonNode> warm = new ArrayList<>();
        JsonNode cold = null;
        long total = 0;
        for (JsonNode b : bins) {
            if (b.path("max_interactions").asLong() == 0) {
                cold = b;
            } else {
                warm.add(b);
                total += b.path("users").asLong();
            }
        }
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<long[]> ranges = new ArrayList<>();
        List<Long> users = new ArrayList<>();
        if (cold != null && cold.path("users").asLong() > 0) {
            labels.add("cold (0)");
            values.add(cold.path(metric).asDouble());
            ranges.add(new long[] {0, 0});
            users.add(cold.path("users").asLong());
        }
        String[] names = {"few", "medium", "many"};
        int groups = Math.min(3, warm.size());
        int start = 0;
        long seen = 0;
        for (int g = 0; g < groups; g++) {
            // the group ends at the bin edge nearest to (g + 1) / groups of the warm users, leaving a bin for each later group
            int end = start;
            long sum = 0;
            double target = total * (g + 1.0) / groups;
            while (end < warm.size() - (groups - g - 1)) {
                long next = seen + sum + warm.get(end).path("users").asLong();
                boolean last = g == groups - 1;
                if (!last && end > start && Math.abs(next - target) >= Math.abs(seen + sum - target)) {
                    break;
                }
                sum += warm.get(end).path("users").asLong();
                end++;
            }
            double weighted = 0;
            for (int i = start; i < end; i++) {
                weighted += warm.get(i).path("users").asLong() * warm.get(i).path(metric).asDouble();
            }
            long lo = warm.get(start).path("min_interactions").asLong();
            long hi = warm.get(end - 1).path("max_interactions").asLong();
            String name = groups == 3 ? names[g] : groups == 2 ? (g == 0 ? "few" : "many") : "all";
            labels.add(name + " (" + (end == warm.size() ? lo + "+" : lo + "–" + hi) + ")");
            values.add(sum == 0 ? 0.0 : weighted / sum);
            ranges.add(new long[] {lo, hi});
            users.add(sum);
            seen += sum;
            start = end;
        }
        return new ActivityGroups(labels, values.stream().mapToDouble(Double::doubleValue).toArray(), ranges,
                users.stream().mapToLong(Long::longValue).toArray());
    }

    /** "few: 1–7 interactions, 312 users; ..." */
    String describe() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            parts.add(labels.get(i) + ": " + users[i] + " users");
        }
        return String.join("; ", parts);
    }
}
