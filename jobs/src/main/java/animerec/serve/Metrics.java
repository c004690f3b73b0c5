package animerec.serve;

import animerec.util.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Request counts by route and status, and latency percentiles by route over the last {@link #WINDOW} requests of
 * each (a ring of durations; the percentiles are exact over it).
 */
public final class Metrics {
    static final int WINDOW = 100_000;

    private static final class Route {
        long count;
        final Map<Integer, Long> statuses = new TreeMap<>();
        final long[] nanos = new long[WINDOW];
        int next;
        int filled;
    }

    private final Map<String, Route> routes = new TreeMap<>();

    public synchronized void record(String route, int status, long nanos) {
        Route r = routes.computeIfAbsent(route, x -> new Route());
        r.count++;
        r.statuses.merge(status, 1L, Long::sum);
        r.nanos[r.next] = nanos;
        r.next = (r.next + 1) % WINDOW;
        r.filled = Math.min(WINDOW, r.filled + 1);
    }

    /** {@code {"routes": {"/recommend": {"count", "status": {...}, "latency_ms": {"p50", "p90", "p99", "max"}}}}}. */
    public synchronized ObjectNode json() {
        ObjectNode out = Json.object();
        ObjectNode rs = out.putObject("routes");
        long total = 0;
        for (Map.Entry<String, Route> e : routes.entrySet()) {
            Route r = e.getValue();
            total += r.count;
            ObjectNode o = rs.putObject(e.getKey()).put("count", r.count);
            ObjectNode st = o.putObject("status");
            r.statuses.forEach((k, v) -> st.put(String.valueOf(k), v));
            long[] sorted = Arrays.copyOf(r.nanos, r.filled);
            Arrays.sort(sorted);
            ObjectNode l = o.putObject("latency_ms");
            l.put("window", sorted.length);
            for (double q : new double[] {0.5, 0.9, 0.99}) {
                l.put("p" + Math.round(q * 100), percentile(sorted, q) / 1e6);
            }
            l.put("max", sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        }
        out.put("requests", total);
        return out;
    }

    /** The nearest-rank percentile of ascending {@code sorted} (0 when empty). */
    public static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
