package animerec.model.serving;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A factor model in memory: user and item vectors as float arrays, score = Σ_f u[f]·i[f] accumulated in float in
 * factor order (what the batch's blocked scorer computes, so the scores are the same to the bit). An anonymous query
 * is folded in when the model was fitted on implicit feedback: its vector solves the implicit-ALS normal equations
 * against the fixed item factors, (YᵀY + Σ_liked (c−1)·y yᵀ + λ·n·I) x = Σ_liked c·y with c = 1 + α (each liked
 * item counts as r = 1, an unrated interaction) and MLlib's regularisation λ·n (n = the liked items the model
 * knows), as implicit's {@code recalculate_user} does.
 */
public final class FactorServing implements ServingModel {
    /** Implicit-ALS fold-in settings: α of c = 1 + α·r and the regularisation λ (scaled by n, as MLlib does). */
    public record FoldIn(double alpha, double lambda) {
    }

    private final String family;
    private final int rank;
    private final Map<Long, float[]> users;
    private final long[] itemIds;
    private final float[] items;   // row-major: item a's factors at a * rank
    private final float[] byFactor; // factor-major: factor f of item a at f * n + a (the scoring loop runs over items)
    private final ThreadLocal<float[]> scores;
    private final Map<Long, Integer> itemAt;
    private final FoldIn foldIn;
    private final double[] gram;   // YᵀY (rank × rank), for the fold-in

    public FactorServing(String family, int rank, Map<Long, float[]> users, long[] itemIds, float[] items, FoldIn foldIn) {
        this.family = family;
        this.rank = rank;
        this.users = Map.copyOf(users);
        this.itemIds = itemIds.clone();
        this.items = items.clone();
        int n = itemIds.length;
        this.byFactor = new float[n * rank];
        for (int a = 0; a < n; a++) {
            for (int f = 0; f < rank; f++) {
                byFactor[f * n + a] = items[a * rank + f];
            }
        }
        this.scores = ThreadLocal.withInitial(() -> new float[n]);
        this.itemAt = new HashMap<>(itemIds.length * 2);
        for (int a = 0; a < itemIds.length; a++) {
            itemAt.put(itemIds[a], a);
        }
        this.foldIn = foldIn;
        this.gram = foldIn == null ? null : animerec.model.factor.FloatOps.gram(this.items, rank);
    }

    @Override
    public String family() {
        return family;
    }

    @Override
    public boolean foldsIn() {
        return foldIn != null;
    }

    @Override
    public List<Scored> recommend(Query query, int k) {
        float[] u = query.anonymous() ? foldedIn(query) : users.get(query.user());
        if (u == null) {
            return List.of();
        }
        // Every item's Σ_f u[f]·i[f] in factor order, as the scalar loop would, but one factor at a time over all
        // items: the inner loop has no reduction, so the JIT vectorises it, and each item's sum is the same to the bit.
        int n = itemIds.length;
        float[] acc = scores.get();
        java.util.Arrays.fill(acc, 0f);
        for (int f = 0; f < rank; f++) {
            float uf = u[f];
            int base = f * n;
            for (int a = 0; a < n; a++) {
                acc[a] += uf * byFactor[base + a];
            }
        }
        TopK top = new TopK(k);
        for (int a = 0; a < n; a++) {
            double s = acc[a];
            if (top.accepts(s, itemIds[a]) && !query.has(itemIds[a])) {
                top.offer(s, itemIds[a]);
            }
        }
        return top.best();
    }

    /** The folded-in vector of an anonymous query, or null (no fold-in, or none of its items has factors). */
    float[] foldedIn(Query query) {
        if (foldIn == null) {
            return null;
        }
        double[] a = gram.clone();
        double[] b = new double[rank];
        int n = 0;
        double c = 1 + foldIn.alpha();
        for (long item : query.items()) {
            Integer at = itemAt.get(item);
            if (at == null) {
                continue;
            }
            n++;
            int off = at * rank;
            for (int f = 0; f < rank; f++) {
                double yf = items[off + f];
                b[f] += c * yf;
                for (int h = 0; h < rank; h++) {
                    a[f * rank + h] += (c - 1) * yf * items[off + h];
                }
            }
        }
        if (n == 0) {
            return null;
        }
        for (int f = 0; f < rank; f++) {
            a[f * rank + f] += foldIn.lambda() * n;
        }
        double[] x = Cholesky.solve(a, b, rank);
        float[] out = new float[rank];
        for (int f = 0; f < rank; f++) {
            out[f] = (float) x[f];
        }
        return out;
    }
}
