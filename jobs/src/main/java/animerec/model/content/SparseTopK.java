package animerec.model.content;

import animerec.model.factor.TopKHeap;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Top-K by dot product between two sets of sparse vectors — item-to-item neighbours (items × items, itself
 * excluded) and content recommendations (user profiles × items, seen items excluded) — computed block by
 * block so that no full query × target score matrix ever exists anywhere.
 *
 * <p>Query rows are grouped into blocks of {@code queryBlockSize} (by a hash of the id); target rows into
 * blocks of {@code targetBlockSize}, each stored as an inverted index (term → rows with their weights). A
 * query block meets a target block in one task: each query row walks the postings of its own terms and
 * accumulates scores only for target rows that share a term with it, then keeps a bounded heap. When the
 * targets are small ({@code ≤ broadcastLimitBytes}) they are broadcast and each query block meets all of them
 * in one task; otherwise query and target blocks are paired with a cartesian product and the partial
 * top-K lists are merged per query block. Only targets sharing at least one term with a query can be
 * returned. A score is summed in the query row's term order, so it does not depend on how rows are
 * blocked; ties rank the lower target id first.
 */
public final class SparseTopK implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int queryBlockSize;
    private final int targetBlockSize;
    private final long broadcastLimitBytes;

    public SparseTopK(int queryBlockSize, int targetBlockSize, long broadcastLimitBytes) {
        if (queryBlockSize <= 0 || targetBlockSize <= 0) {
            throw new IllegalArgumentException("block sizes must be positive");
        }
        this.queryBlockSize = queryBlockSize;
        this.targetBlockSize = targetBlockSize;
        this.broadcastLimitBytes = broadcastLimitBytes;
    }

    /** 2,048 queries × 4,096 targets per block; broadcast targets up to 128 MB. */
    public static SparseTopK defaults() {
        return new SparseTopK(2048, 4096, 128L << 20);
    }

    /** One sparse row: id, term indices (strictly increasing), weights, and ids it must never be matched with. */
    public record Row(long id, int[] indices, float[] values, long[] exclude) implements Serializable {
        public Row {
            if (indices.length != values.length) {
                throw new IllegalArgumentException("indices and values differ in length for id " + id);
            }
        }
    }

    /** One query's top-K: target ids and scores, best first. */
    public record Result(long id, long[] targets, double[] scores) implements Serializable {
    }

    /** A block of query rows in compressed-row form. */
    static final class QueryBlock implements Serializable {
        private static final long serialVersionUID = 1L;
        final long[] ids;
        final int[] start;
        final int[] indices;
        final float[] values;
        final long[][] exclude;

        QueryBlock(List<Row> rows) {
            rows.sort((a, b) -> Long.compare(a.id(), b.id()));
            int n = rows.size();
            ids = new long[n];
            start = new int[n + 1];
            exclude = new long[n][];
            int nnz = 0;
            for (Row r : rows) {
                nnz += r.indices().length;
            }
            indices = new int[nnz];
            values = new float[nnz];
            int p = 0;
            for (int a = 0; a < n; a++) {
                Row r = rows.get(a);
                ids[a] = r.id();
                start[a] = p;
                System.arraycopy(r.indices(), 0, indices, p, r.indices().length);
                System.arraycopy(r.values(), 0, values, p, r.values().length);
                p += r.indices().length;
                long[] ex = r.exclude() == null ? new long[0] : r.exclude().clone();
                Arrays.sort(ex);
                exclude[a] = ex;
            }
            start[n] = p;
        }
    }

    /** A block of target rows as an inverted index: for term t, postings termStart[t] .. termStart[t+1]. */
    static final class TargetBlock implements Serializable {
        private static final long serialVersionUID = 1L;
        final long[] ids;
        final int[] terms;      // the distinct terms of the block, increasing
        final int[] termStart;  // postings of terms[x]: termStart[x] .. termStart[x+1]
        final int[] rows;
        final float[] weights;

        TargetBlock(List<Row> list) {
            list.sort((a, b) -> Long.compare(a.id(), b.id()));
            int n = list.size();
            ids = new long[n];
            int nnz = 0;
            for (int a = 0; a < n; a++) {
                ids[a] = list.get(a).id();
                nnz += list.get(a).indices().length;
            }
            long[] keys = new long[nnz]; // term << 32 | row: sorted, gives postings in row order per term
            float[] byKey = new float[nnz];
            int p = 0;
            for (int a = 0; a < n; a++) {
                Row r = list.get(a);
                for (int x = 0; x < r.indices().length; x++) {
                    keys[p++] = ((long) r.indices()[x] << 32) | a;
                }
            }
            long[] sorted = keys.clone();
            Arrays.sort(sorted);
            // weights follow the sorted keys: each (term, row) pair is unique, so look each one up
            p = 0;
            for (int a = 0; a < n; a++) {
                Row r = list.get(a);
                for (int x = 0; x < r.indices().length; x++) {
                    int pos = Arrays.binarySearch(sorted, ((long) r.indices()[x] << 32) | a);
                    byKey[pos] = r.values()[x];
                }
            }
            rows = new int[nnz];
            weights = byKey;
            int distinct = 0;
            for (int q = 0; q < nnz; q++) {
                rows[q] = (int) (sorted[q] & 0xffffffffL);
                if (q == 0 || (sorted[q] >>> 32) != (sorted[q - 1] >>> 32)) {
                    distinct++;
                }
            }
            terms = new int[distinct];
            termStart = new int[distinct + 1];
            int t = 0;
            for (int q = 0; q < nnz; q++) {
                if (q == 0 || (sorted[q] >>> 32) != (sorted[q - 1] >>> 32)) {
                    terms[t] = (int) (sorted[q] >>> 32);
                    termStart[t++] = q;
                }
            }
            termStart[distinct] = nnz;
        }

        long bytes() {
            return 8L * ids.length + 8L * rows.length + 8L * terms.length;
        }

        /** Position of term t in {@link #terms}, or -1. */
        int find(int term) {
            int pos = Arrays.binarySearch(terms, term);
            return pos < 0 ? -1 : pos;
        }
    }

    /**
     * Top-{@code k} targets for every query row.
     *
     * @param excludeSelf a target with the query's own id is never returned (item-to-item neighbours)
     */
    public JavaRDD<Result> topK(JavaRDD<Row> queries, JavaRDD<Row> targets, int k, boolean excludeSelf) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(queries.context());
        long nTargets = targets.count();
        int targetBlocks = (int) Math.max(1, (nTargets + targetBlockSize - 1) / targetBlockSize);
        JavaRDD<TargetBlock> tBlocks = targets
                .mapToPair(r -> new Tuple2<>(blockOf(r.id(), targetBlocks), r))
                .groupByKey(targetBlocks)
                .map(t -> new TargetBlock(toList(t._2())));
        long nQueries = queries.count();
        int queryBlocks = (int) Math.max(1, (nQueries + queryBlockSize - 1) / queryBlockSize);
        JavaPairRDD<Integer, QueryBlock> qBlocks = queries
                .mapToPair(r -> new Tuple2<>(blockOf(r.id(), queryBlocks), r))
                .groupByKey(queryBlocks)
                .mapToPair(t -> new Tuple2<>(t._1(), new QueryBlock(toList(t._2()))));
        tBlocks.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        long targetBytes = tBlocks.map(TargetBlock::bytes).fold(0L, Long::sum);
        JavaRDD<Partial> partials;
        if (targetBytes <= broadcastLimitBytes) {
            Broadcast<List<TargetBlock>> all = jsc.broadcast(tBlocks.collect());
            partials = qBlocks.values().map(q -> score(q, all.value(), k, excludeSelf));
        } else {
            partials = qBlocks.cartesian(tBlocks)
                    .mapToPair(t -> new Tuple2<>(t._1()._1(), score(t._1()._2(), List.of(t._2()), k, excludeSelf)))
                    .reduceByKey((x, y) -> Partial.merge(x, y, k))
                    .values();
        }
        return partials.flatMap(p -> p.results().iterator());
    }

    /** A result as rows {@code (query id, target id, rank from 1, score)}: the recommendation and neighbour shape. */
    public static java.util.Iterator<org.apache.spark.sql.Row> rows(Result r) {
        List<org.apache.spark.sql.Row> out = new ArrayList<>(r.targets().length);
        for (int i = 0; i < r.targets().length; i++) {
            out.add(org.apache.spark.sql.RowFactory.create(r.id(), r.targets()[i], i + 1, r.scores()[i]));
        }
        return out.iterator();
    }

    static int blockOf(long id, int blocks) {
        return (int) Math.floorMod(animerec.util.Seeds.mix(id ^ 0x5DEECE66DL), (long) blocks);
    }

    private static List<Row> toList(Iterable<Row> it) {
        List<Row> out = new ArrayList<>();
        it.forEach(out::add);
        return out;
    }

    /** Partial top-K of one query block: per query, target ids and scores, best first. */
    static final class Partial implements Serializable {
        private static final long serialVersionUID = 1L;
        final long[] ids;
        final long[][] targets;
        final double[][] scores;

        Partial(long[] ids, long[][] targets, double[][] scores) {
            this.ids = ids;
            this.targets = targets;
            this.scores = scores;
        }

        List<Result> results() {
            List<Result> out = new ArrayList<>(ids.length);
            for (int a = 0; a < ids.length; a++) {
                out.add(new Result(ids[a], targets[a], scores[a]));
            }
            return out;
        }

        static Partial merge(Partial x, Partial y, int k) {
            int n = x.ids.length;
            long[][] targets = new long[n][];
            double[][] scores = new double[n][];
            for (int a = 0; a < n; a++) {
                TopKHeap.Merged m = TopKHeap.mergeBestFirst(x.targets[a], x.scores[a], y.targets[a], y.scores[a], k);
                targets[a] = m.items();
                scores[a] = m.scores();
            }
            return new Partial(x.ids, targets, scores);
        }
    }

    /** Scores one query block against target blocks; only targets sharing a term with the query are offered. */
    static Partial score(QueryBlock q, List<TargetBlock> blocks, int k, boolean excludeSelf) {
        int n = q.ids.length;
        TopKHeap[] heaps = new TopKHeap[n];
        for (int a = 0; a < n; a++) {
            heaps[a] = new TopKHeap(k);
        }
        int max = 0;
        for (TargetBlock b : blocks) {
            max = Math.max(max, b.ids.length);
        }
        float[] acc = new float[max];
        boolean[] hit = new boolean[max];
        int[] touched = new int[max];
        for (TargetBlock b : blocks) {
            for (int a = 0; a < n; a++) {
                int nTouched = 0;
                for (int x = q.start[a]; x < q.start[a + 1]; x++) {
                    int pos = b.find(q.indices[x]);
                    if (pos < 0) {
                        continue;
                    }
                    float w = q.values[x];
                    for (int p = b.termStart[pos]; p < b.termStart[pos + 1]; p++) {
                        int row = b.rows[p];
                        if (!hit[row]) {
                            hit[row] = true;
                            touched[nTouched++] = row;
                        }
                        acc[row] += w * b.weights[p];
                    }
                }
                TopKHeap heap = heaps[a];
                long self = q.ids[a];
                long[] ex = q.exclude[a];
                for (int t = 0; t < nTouched; t++) {
                    int row = touched[t];
                    double s = acc[row];
                    long id = b.ids[row];
                    acc[row] = 0f;
                    hit[row] = false;
                    if ((excludeSelf && id == self) || !heap.accepts(s, id)
                            || (ex.length > 0 && Arrays.binarySearch(ex, id) >= 0)) {
                        continue;
                    }
                    heap.offer(s, id);
                }
            }
        }
        long[][] targets = new long[n][];
        double[][] scores = new double[n][];
        for (int a = 0; a < n; a++) {
            int m = heaps[a].size();
            targets[a] = new long[m];
            scores[a] = new double[m];
            heaps[a].drainBestFirst(targets[a], scores[a]);
        }
        return new Partial(q.ids, targets, scores);
    }

    /** Exposed for brute-force comparisons in tests: the dot product of two sparse rows, in a's term order. */
    static double dot(Row a, Row b) {
        float s = 0f;
        for (int x = 0; x < a.indices().length; x++) {
            int pos = Arrays.binarySearch(b.indices(), a.indices()[x]);
            if (pos >= 0) {
                s += a.values()[x] * b.values()[pos];
            }
        }
        return s;
    }
}
