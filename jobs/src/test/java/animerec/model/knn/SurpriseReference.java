package animerec.model.knn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A direct, single-JVM transcription of Surprise's KNNBasic / KNNBaseline (dense similarity matrix, every
 * neighbour considered, ties by lower id) — the oracle the distributed model is compared with in tests.
 */
final class SurpriseReference {
    record Rating(long user, long item, double value) {
    }

    private final Map<Long, Map<Long, Double>> byX = new TreeMap<>();
    private final Map<Long, Map<Long, Double>> byY = new TreeMap<>();
    private final Map<Long, Double> bx = new HashMap<>();
    private final Map<Long, Double> by = new HashMap<>();
    private final Map<Long, Map<Long, Double>> sim = new HashMap<>();
    private final double mu;
    private final boolean userBased;
    private final boolean baseline;
    private final int k;
    private final int minK;
    private final double lo;
    private final double hi;

    SurpriseReference(List<Rating> ratings, Similarity similarity, boolean userBased, boolean baseline, int k, int minK,
                      int minSupport, double shrinkage) {
        this.userBased = userBased;
        this.baseline = baseline;
        this.k = k;
        this.minK = minK;
        double sum = 0;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (Rating r : ratings) {
            long x = userBased ? r.user() : r.item();
            long y = userBased ? r.item() : r.user();
            byX.computeIfAbsent(x, a -> new TreeMap<>()).put(y, r.value());
            byY.computeIfAbsent(y, a -> new TreeMap<>()).put(x, r.value());
            sum += r.value();
            min = Math.min(min, r.value());
            max = Math.max(max, r.value());
        }
        mu = sum / ratings.size();
        lo = min;
        hi = max;
        boolean needBaseline = baseline || similarity == Similarity.PEARSON_BASELINE;
        // Surprise's baseline ALS: items first, then users; 10 epochs, reg_u 15, reg_i 10
        Map<Long, Double> bu = new HashMap<>();
        Map<Long, Double> bi = new HashMap<>();
        Map<Long, Map<Long, Double>> ur = new TreeMap<>();
        Map<Long, Map<Long, Double>> ir = new TreeMap<>();
        for (Rating r : ratings) {
            ur.computeIfAbsent(r.user(), a -> new TreeMap<>()).put(r.item(), r.value());
            ir.computeIfAbsent(r.item(), a -> new TreeMap<>()).put(r.user(), r.value());
            bu.put(r.user(), 0.0);
            bi.put(r.item(), 0.0);
        }
        if (needBaseline) {
            for (int e = 0; e < 10; e++) {
                for (var i : ir.entrySet()) {
                    double dev = 0;
                    for (var u : i.getValue().entrySet()) {
                        dev += u.getValue() - mu - bu.get(u.getKey());
                    }
                    bi.put(i.getKey(), dev / (10 + i.getValue().size()));
                }
                for (var u : ur.entrySet()) {
                    double dev = 0;
                    for (var i : u.getValue().entrySet()) {
                        dev += i.getValue() - mu - bi.get(i.getKey());
                    }
                    bu.put(u.getKey(), dev / (15 + u.getValue().size()));
                }
            }
        }
        bx.putAll(userBased ? bu : bi);
        by.putAll(userBased ? bi : bu);
        List<Long> xs = new ArrayList<>(byX.keySet());
        for (long a : xs) {
            for (long b : xs) {
                if (a >= b) {
                    continue;
                }
                double[] s = new double[Similarity.SIZE];
                for (var e : byX.get(a).entrySet()) {
                    Double vb = byX.get(b).get(e.getKey());
                    if (vb != null) {
                        long y = e.getKey();
                        double ra = e.getValue() - mu - bx.get(a) - by.get(y);
                        double rb = vb - mu - bx.get(b) - by.get(y);
                        Similarity.add(s, e.getValue(), vb, ra, rb);
                    }
                }
                double v = similarity.of(s, minSupport, shrinkage);
                sim.computeIfAbsent(a, z -> new HashMap<>()).put(b, v);
                sim.computeIfAbsent(b, z -> new HashMap<>()).put(a, v);
            }
        }
    }

    /** Surprise's estimate (clipped), and whether it was impossible (KNNBasic's PredictionImpossible). */
    double[] predict(long user, long item) {
        long x = userBased ? user : item;
        long y = userBased ? item : user;
        boolean known = byX.containsKey(x) && byY.containsKey(y);
        double est = mu;
        if (baseline) {
            est += bx.getOrDefault(x, 0.0) + by.getOrDefault(y, 0.0);
        }
        if (!known) {
            return new double[] {clip(est), 1};
        }
        List<double[]> neighbours = new ArrayList<>(); // sim, id, rating
        for (var e : byY.get(y).entrySet()) {
            double s = e.getKey() == x ? 1.0 : sim.getOrDefault(x, Map.of()).getOrDefault(e.getKey(), 0.0);
            neighbours.add(new double[] {s, e.getKey(), e.getValue()});
        }
        neighbours.sort((p, q) -> p[0] != q[0] ? Double.compare(q[0], p[0]) : Double.compare(p[1], q[1]));
        double num = 0;
        double den = 0;
        int actual = 0;
        for (int i = 0; i < neighbours.size() && i < k; i++) {
            double[] nb = neighbours.get(i);
            if (nb[0] > 0) {
                double nbBsl = mu + bx.get((long) nb[1]) + by.get(y);
                num += nb[0] * (baseline ? nb[2] - nbBsl : nb[2]);
                den += nb[0];
                actual++;
            }
        }
        if (baseline) {
            return new double[] {clip(actual >= minK && den > 0 ? est + num / den : est), 0};
        }
        if (actual < minK || den == 0) {
            return new double[] {clip(mu), 1};
        }
        return new double[] {clip(num / den), 0};
    }

    private double clip(double v) {
        return Math.max(lo, Math.min(hi, v));
    }
}
