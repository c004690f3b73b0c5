package org.apache.spark.sql.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.ObjectStreamField;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.spark.TaskContext$;
import org.apache.spark.TaskContextImpl;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.sql.execution.columnar.CachedRDDBuilder;
import org.apache.spark.util.AccumulatorContext;
import org.apache.spark.util.AccumulatorMetadata;
import org.apache.spark.util.AccumulatorV2;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.Tuple2;

/**
 * Our {@link PartitionKeyedAccumulator} against the heartbeat race of Spark's own (a half-deserialized accumulator
 * read by the executor's heartbeat thread), and against Spark's class itself: same serialized form, a superset of its
 * methods, and ours is the one loaded. No SparkSession: the task side is a {@link TaskContextImpl} set on the thread,
 * as {@code Executor} does before deserializing a task. Uses Spark internals (public in bytecode) on purpose.
 */
class PartitionKeyedAccumulatorTest {
    private static final String NAME = "org.apache.spark.sql.util.PartitionKeyedAccumulator";

    /**
     * A task context that reads each accumulator the moment a deserializing task registers it, the moment at which the
     * executor's heartbeat thread can first see it ({@code TaskMetrics.accumulators()}, then {@code isZero}). With
     * Spark 4.2.0's class (move ours away and run this test) every read throws a NullPointerException: the map field
     * of the subclass is read from the stream only after {@code AccumulatorV2.readObject} registered the object.
     */
    static final class HeartbeatAtRegistration extends TaskContextImpl {
        final List<String> failures = new ArrayList<>();

        HeartbeatAtRegistration() {
            super(0, 0, 0, 1L, 0, 1, null, new Properties(), null, new TaskMetrics(), 1,
                    scala.collection.immutable.Map$.MODULE$.empty());
        }

        /** A task context that only registers (for Spark's class, which the reads above would break). */
        static TaskContextImpl plain() {
            return new TaskContextImpl(0, 0, 0, 2L, 0, 1, null, new Properties(), null, new TaskMetrics(), 1,
                    scala.collection.immutable.Map$.MODULE$.empty());
        }

        @Override
        public void registerAccumulator(AccumulatorV2<?, ?> a) {
            super.registerAccumulator(a);
            read("isZero", () -> a.isZero());
            read("value", () -> a.value());
            read("copy", () -> a.copy());
            read("accumulatedNumPartitions", () -> ((PartitionKeyedAccumulator<?>) a).accumulatedNumPartitions());
        }

        private void read(String what, java.util.concurrent.Callable<Object> call) {
            try {
                call.call();
            } catch (Throwable t) {
                failures.add(what + ": " + t);
            }
        }
    }

    @Test
    void aHeartbeatReadingAnAccumulatorWhileItsTaskDeserializesItSeesAnEmptyOne() throws Exception {
        PartitionKeyedAccumulator<Tuple2<Object, Object>> driver = registered(new PartitionKeyedAccumulator<>());
        try {
            byte[] shipped = serialize(driver);
            HeartbeatAtRegistration task = new HeartbeatAtRegistration();
            Object onExecutor;
            TaskContext$.MODULE$.setTaskContext(task);
            try {
                onExecutor = deserialize(shipped, getClass().getClassLoader());
            } finally {
                TaskContext$.MODULE$.unset();
            }
            assertEquals(List.of(), task.failures, "reads at registration (what the heartbeat does)");
            assertEquals(1, task.taskMetrics().accumulators().count(a -> a == onExecutor), "registered with the task");

            // the task records two partitions; its updates go back to the driver and merge there
            @SuppressWarnings("unchecked")
            PartitionKeyedAccumulator<Tuple2<Object, Object>> acc = (PartitionKeyedAccumulator<Tuple2<Object, Object>>) onExecutor;
            acc.add(new Tuple2<>(3, new Tuple2<>(10L, 100L)));
            acc.add(new Tuple2<>(5, new Tuple2<>(20L, 200L)));
            @SuppressWarnings("unchecked")
            PartitionKeyedAccumulator<Tuple2<Object, Object>> back =
                    (PartitionKeyedAccumulator<Tuple2<Object, Object>>) deserialize(serialize(acc), getClass().getClassLoader());
            driver.merge(back);
            assertEquals(2, driver.accumulatedNumPartitions());
            long rows = driver.foldValues(0L, (sum, v) -> sum + (Long) v._1());
            assertEquals(30L, rows);
        } finally {
            AccumulatorContext.remove(driver.id());
        }
    }

    @Test
    void readsWhileATaskAddsNeverThrow() throws Exception {
        PartitionKeyedAccumulator<Long> acc = new PartitionKeyedAccumulator<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread heartbeat = new Thread(() -> {
            try {
                while (!stop.get()) {
                    acc.isZero();
                    acc.value().size();
                    acc.copy().accumulatedNumPartitions();
                    acc.foldValues(0L, Long::sum);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        heartbeat.start();
        long end = System.nanoTime() + 150_000_000L; // 150 ms: the suite is near its time bound
        for (int i = 0; System.nanoTime() < end; i++) {
            acc.add(new Tuple2<>(i % 1000, (long) i));
            if (i % 5000 == 0) {
                acc.reset();
            }
        }
        stop.set(true);
        heartbeat.join();
        assertEquals(null, failure.get());
    }

    @Test
    void takesSparksPlaceWithTheSameSerializedFormAndMethods() throws Exception {
        URL sparkSql = CachedRDDBuilder.class.getProtectionDomain().getCodeSource().getLocation();
        assertNotEquals(sparkSql, PartitionKeyedAccumulator.class.getProtectionDomain().getCodeSource().getLocation(),
                "Spark's class comes first on this class path, so the heartbeat race is back");
        Class<?> spark = sparksOwn(sparkSql);
        assertEquals(sparkSql, spark.getProtectionDomain().getCodeSource().getLocation());

        ObjectStreamClass theirs = ObjectStreamClass.lookup(spark);
        ObjectStreamClass ours = ObjectStreamClass.lookup(PartitionKeyedAccumulator.class);
        assertEquals(theirs.getSerialVersionUID(), ours.getSerialVersionUID(), "serialVersionUID");
        assertEquals(fields(theirs), fields(ours), "serialized fields");

        TreeSet<String> missing = new TreeSet<>(publicMethods(spark));
        missing.removeAll(publicMethods(PartitionKeyedAccumulator.class));
        assertEquals(new TreeSet<>(), missing, "public methods of Spark's class that ours lacks (Spark changed it?)");

        // ours on the driver, Spark's in the task (a cluster's executor), and back
        PartitionKeyedAccumulator<Long> driver = registered(new PartitionKeyedAccumulator<>());
        try {
            TaskContext$.MODULE$.setTaskContext(HeartbeatAtRegistration.plain());
            Object onExecutor;
            try {
                onExecutor = deserialize(serialize(driver), spark.getClassLoader());
            } finally {
                TaskContext$.MODULE$.unset();
            }
            assertEquals(spark, onExecutor.getClass());
            spark.getMethod("add", Object.class).invoke(onExecutor, new Tuple2<>(7, 70L));
            @SuppressWarnings("unchecked")
            PartitionKeyedAccumulator<Long> back =
                    (PartitionKeyedAccumulator<Long>) deserialize(serialize(onExecutor), getClass().getClassLoader());
            driver.merge(back);
            assertEquals(Map.of(7, 70L), driver.value());
        } finally {
            AccumulatorContext.remove(driver.id());
        }
    }

    /** Registered as {@code SparkContext.register} would (an accumulator must be, to be shipped), without a context. */
    private static <A extends AccumulatorV2<?, ?>> A registered(A acc) {
        acc.metadata_$eq(new AccumulatorMetadata(AccumulatorContext.newId(), Option.empty(), false));
        AccumulatorContext.register(acc);
        return acc;
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    /** Reads {@code bytes}, resolving the accumulator's class through {@code loader} and every other through ours. */
    private static Object deserialize(byte[] bytes, ClassLoader loader) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                return desc.getName().equals(NAME) ? Class.forName(NAME, false, loader) : super.resolveClass(desc);
            }
        }) {
            return in.readObject();
        }
    }

    /** Spark's own class, read from the spark-sql jar by a loader that asks ours for every other class. */
    private static Class<?> sparksOwn(URL sparkSql) throws Exception {
        byte[] code;
        try (ZipFile jar = new ZipFile(new java.io.File(sparkSql.toURI()))) {
            ZipEntry e = jar.getEntry(NAME.replace('.', '/') + ".class");
            try (InputStream in = jar.getInputStream(e)) {
                code = in.readAllBytes();
            }
        }
        java.security.ProtectionDomain domain = CachedRDDBuilder.class.getProtectionDomain();
        ClassLoader loader = new ClassLoader(PartitionKeyedAccumulatorTest.class.getClassLoader()) {
            private Class<?> defined;

            @Override
            protected synchronized Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (!name.equals(NAME)) {
                    return super.loadClass(name, resolve);
                }
                if (defined == null) {
                    defined = defineClass(NAME, code, 0, code.length, domain);
                }
                return defined;
            }
        };
        return Class.forName(NAME, false, loader);
    }

    private static List<String> fields(ObjectStreamClass c) {
        return Arrays.stream(c.getFields()).map(f -> f.getName() + ":" + f.getTypeString() + ":" + typeName(f)).toList();
    }

    private static String typeName(ObjectStreamField f) {
        return f.getType().getName();
    }

    private static List<String> publicMethods(Class<?> c) {
        List<String> out = new ArrayList<>();
        for (Method m : c.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers())) {
                out.add(m.getReturnType().getName() + " " + m.getName() + Arrays.toString(m.getParameterTypes()));
            }
        }
        return out;
    }
}
