package animerec.model.knn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.Tuple2;

/**
 * The neighbours of one entity on primitive arrays, in {@link Neighbourhoods#compare} order and at most
 * {@code max} long.
 */
final class NeighbourList implements Serializable {
    private static final long serialVersionUID = 1L;
    final long[] ids;
    final double[] sims;
    final int[] support;

    NeighbourList(long[] ids, double[] sims, int[] support) {
        this.ids = ids;
        this.sims = sims;
        this.support = support;
    }

    List<Row> rows(long x) {
        List<Row> out = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            out.add(RowFactory.create(x, ids[i], sims[i], support[i]));
        }
        return out;
    }

    /**
     * The neighbour lists of the entities a partition owns, from pairs (key a &lt;&lt; 32 | b, similarity sums)
     * that arrive both ways: b is a neighbour of a when the similarity is positive; each list keeps its best
     * {@code max}.
     */
    static Iterator<Tuple2<Long, NeighbourList>> complete(Iterator<Tuple2<Long, double[]>> pairs,
                                                          Neighbourhoods.Settings s) {
        Map<Long, Builder> byEntity = new HashMap<>();
        while (pairs.hasNext()) {
            Tuple2<Long, double[]> t = pairs.next();
            double sim = s.similarity().ofCompact(t._2(), s.minSupport(), s.shrinkage());
            if (!(sim > 0)) {
                continue;
            }
            byEntity.computeIfAbsent(t._1() >>> 32, z -> new Builder()).add(t._1() & 0xffffffffL, sim, (int) t._2()[0]);
        }
        List<Tuple2<Long, NeighbourList>> out = new ArrayList<>(byEntity.size());
        for (Map.Entry<Long, Builder> e : byEntity.entrySet()) {
            out.add(new Tuple2<>(e.getKey(), e.getValue().build(s.maxNeighbours())));
        }
        return out.iterator();
    }

    /** A growable, unsorted list. */
    static final class Builder {
        long[] ids = new long[8];
        double[] sims = new double[8];
        int[] support = new int[8];
        int n;

        void add(long id, double sim, int sup) {
            if (n == ids.length) {
                ids = java.util.Arrays.copyOf(ids, 2 * n);
                sims = java.util.Arrays.copyOf(sims, 2 * n);
                support = java.util.Arrays.copyOf(support, 2 * n);
            }
            ids[n] = id;
            sims[n] = sim;
            support[n++] = sup;
        }

        NeighbourList build(int max) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (p, q) -> Neighbourhoods.compare(sims[p], support[p], ids[p], sims[q], support[q], ids[q]));
            int m = Math.min(max, n);
            long[] outIds = new long[m];
            double[] outSims = new double[m];
            int[] outSupport = new int[m];
            for (int i = 0; i < m; i++) {
                outIds[i] = ids[order[i]];
                outSims[i] = sims[order[i]];
                outSupport[i] = support[order[i]];
            }
            return new NeighbourList(outIds, outSims, outSupport);
        }
    }
}
