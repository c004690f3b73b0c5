package animerec.model.content;

import animerec.model.serving.Scored;
import animerec.model.serving.TopK;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * {@link SparseTopK}'s scoring in memory, for one query at a time: the target rows as one inverted index (term →
 * rows with their float weights). A target's score is accumulated in float in the query's term order, as the
 * batch kernel does, so the scores are the same to the bit; only targets sharing a term with the query are
 * offered, and ties rank the lower id first. Read-only once built: any number of threads may query it.
 */
final class SparseIndex {
    private final long[] ids;       // row -> target id
    private final int[] termStart;  // postings of term t: termStart[t] .. termStart[t + 1]
    private final int[] rows;
    private final float[] weights;

    /** @param targets rows with at least one term (what the batch's target side keeps) */
    SparseIndex(List<SparseTopK.Row> targets) {
        int n = targets.size();
        ids = new long[n];
        scratch = ThreadLocal.withInitial(() -> new Scratch(n));
        int dim = 0;
        int nnz = 0;
        for (int a = 0; a < n; a++) {
            SparseTopK.Row r = targets.get(a);
            ids[a] = r.id();
            nnz += r.indices().length;
            for (int t : r.indices()) {
                dim = Math.max(dim, t + 1);
            }
        }
        termStart = new int[dim + 1];
        for (SparseTopK.Row r : targets) {
            for (int t : r.indices()) {
                termStart[t + 1]++;
            }
        }
        for (int t = 0; t < dim; t++) {
            termStart[t + 1] += termStart[t];
        }
        int[] fill = Arrays.copyOf(termStart, dim);
        rows = new int[nnz];
        weights = new float[nnz];
        for (int a = 0; a < n; a++) {
            SparseTopK.Row r = targets.get(a);
            for (int x = 0; x < r.indices().length; x++) {
                int p = fill[r.indices()[x]]++;
                rows[p] = a;
                weights[p] = r.values()[x];
            }
        }
    }

    /**
     * One thread's accumulators, reused across queries (left all zero / false after each). Static, so that a thread's
     * buffers do not keep an index alive once it is dropped (serve's reload swaps every index).
     */
    private static final class Scratch {
        final float[] acc;
        final boolean[] hit;
        final int[] touched;

        Scratch(int n) {
            acc = new float[n];
            hit = new boolean[n];
            touched = new int[n];
        }
    }

    private final ThreadLocal<Scratch> scratch;

    int size() {
        return ids.length;
    }

    /**
     * The best {@code k} targets for a query row (terms strictly increasing), skipping the ids {@code skip} accepts.
     */
    List<Scored> top(int[] indices, float[] values, int k, LongPredicate skip) {
        TopK top = new TopK(k);
        Scratch sc = scratch.get();
        float[] acc = sc.acc;
        boolean[] hit = sc.hit;
        int[] touched = sc.touched;
        int nTouched = 0;
        try {
            int dim = termStart.length - 1;
            for (int x = 0; x < indices.length; x++) {
                int t = indices[x];
                if (t >= dim) {
                    continue;
                }
                float w = values[x];
                for (int p = termStart[t]; p < termStart[t + 1]; p++) {
                    int row = rows[p];
                    if (!hit[row]) {
                        hit[row] = true;
                        touched[nTouched++] = row;
                    }
                    acc[row] += w * weights[p];
                }
            }
            for (int i = 0; i < nTouched; i++) {
                int row = touched[i];
                double s = acc[row];
                long id = ids[row];
                if (top.accepts(s, id) && !skip.test(id)) {
                    top.offer(s, id);
                }
            }
        } finally {
            for (int i = 0; i < nTouched; i++) {
                acc[touched[i]] = 0f;
                hit[touched[i]] = false;
            }
        }
        return top.best();
    }
}
