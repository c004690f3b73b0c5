package org.apache.spark.sql.util;

import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.util.AccumulatorV2;
import scala.Function2;
import scala.Tuple2;

/**
 * Our stand-in for Spark 4.2.0's own {@code org.apache.spark.sql.util.PartitionKeyedAccumulator} (spark-sql), which
 * {@code CachedRDDBuilder} uses for the row count and size of every cached Dataset ({@code Dataset.cache()} and
 * {@code persist()}). Same name, methods, serialized form and serialVersionUID as Spark's, so that it takes Spark's
 * place where our classes come first on the class path (scripts/animerec, the tests) and still reads and writes the
 * same bytes as Spark's class in a JVM where Spark's comes first (an executor on a cluster).
 *
 * <p>Why: Spark's class keeps its state in a {@code final} map field, and {@code AccumulatorV2.readObject} (the
 * superclass, so it runs before this class's fields are read) registers the half-read accumulator with the task.
 * The executor's heartbeat thread reads every registered accumulator ({@code isZero}); when it runs in that window it
 * finds the map null, a {@code NullPointerException} escapes {@code Executor.reportHeartBeat} and the heartbeat task
 * is cancelled for good (a scheduled task that throws never runs again), printing a 20-line stack trace in a
 * successful run. The same race hit {@code CollectionAccumulator} (SPARK-20977, fixed there the same way) and is
 * fixed for every accumulator by SPARK-59451 (open): delete this class once the Spark we build against has it.
 *
 * <p>The fix: the map field is not final but volatile, and every reader takes a null map (an accumulator still
 * being deserialized) as empty; writers (the task that owns it, the driver merging) create it if needed.
 * {@code PartitionKeyedAccumulatorTest} reproduces the race and checks that this class matches Spark's.
 */
public class PartitionKeyedAccumulator<T> extends AccumulatorV2<Tuple2<Object, T>, Map<Object, T>> {
    /** Spark 4.2.0's (computed by serialver): the two classes read each other's bytes. */
    private static final long serialVersionUID = -4805181833840164512L;

    /** Same name and type as Spark's field (the serialized form); null while the accumulator is being deserialized. */
    private volatile ConcurrentHashMap<Object, T> byPartition = new ConcurrentHashMap<>();

    public PartitionKeyedAccumulator() {
    }

    /** The map, or an empty one while the accumulator is being deserialized (readers only: do not add to it). */
    private Map<Object, T> snapshot() {
        ConcurrentHashMap<Object, T> m = byPartition;
        return m != null ? m : Collections.emptyMap();
    }

    /** The map, created when it is still null (writers: the task that owns the accumulator, the driver merging). */
    private synchronized ConcurrentHashMap<Object, T> map() {
        ConcurrentHashMap<Object, T> m = byPartition;
        if (m == null) {
            m = new ConcurrentHashMap<>();
            byPartition = m;
        }
        return m;
    }

    @Override
    public boolean isZero() {
        return snapshot().isEmpty();
    }

    @Override
    public PartitionKeyedAccumulator<T> copyAndReset() {
        return new PartitionKeyedAccumulator<>();
    }

    @Override
    public PartitionKeyedAccumulator<T> copy() {
        PartitionKeyedAccumulator<T> c = new PartitionKeyedAccumulator<>();
        c.byPartition.putAll(snapshot());
        return c;
    }

    @Override
    public void reset() {
        map().clear();
    }

    /** Records (or replaces) a partition's value: a partition computed twice counts once. */
    @Override
    public void add(Tuple2<Object, T> v) {
        map().put(v._1(), v._2());
    }

    @Override
    public void merge(AccumulatorV2<Tuple2<Object, T>, Map<Object, T>> other) {
        if (other instanceof PartitionKeyedAccumulator<?>) {
            @SuppressWarnings("unchecked")
            PartitionKeyedAccumulator<T> o = (PartitionKeyedAccumulator<T>) other;
            map().putAll(o.snapshot());
        } else {
            throw new UnsupportedOperationException(
                    "Cannot merge " + getClass().getName() + " with " + other.getClass().getName());
        }
    }

    @Override
    public Map<Object, T> value() {
        return Collections.unmodifiableMap(snapshot());
    }

    /** How many partitions reported a value. */
    public long accumulatedNumPartitions() {
        return snapshot().size();
    }

    /** Folds the partitions' values (in no particular order) into {@code zero} with {@code f}. */
    public <A> A foldValues(A zero, Function2<A, T, A> f) {
        A acc = zero;
        for (T v : snapshot().values()) {
            acc = f.apply(acc, v);
        }
        return acc;
    }
}
