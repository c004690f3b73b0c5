package animerec.util;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;

/**
 * Reads a Parquet table that Spark wrote (a folder of part files, or one file) without a SparkSession, through
 * parquet-hadoop's record reader with converters of our own (numbers land in primitive arrays, no object per value):
 * only the columns asked for, row by row. Local paths are read with
 * {@link LocalInputFile} (no Hadoop), others through Hadoop's file systems. Understands what our tables hold:
 * longs, ints, doubles, floats, strings, lists of those (Spark's three-level LIST layout) and Spark ML vectors
 * (VectorUDT's struct: type 0 sparse, 1 dense). For {@code animerec serve}, which loads models without Spark.
 */
public final class ParquetRows {
    private ParquetRows() {
    }

    /**
     * What a caller reads a column as. Each takes the Parquet type Spark writes for it; {@code LONG} takes an int
     * column too and {@code DOUBLE} a float one (exact widenings); anything else is a {@link UserError} when the
     * file opens.
     */
    public enum Kind {
        LONG("long"), INT("int"), DOUBLE("double"), FLOAT("float"), BOOLEAN("boolean"), STRING("string"),
        FLOATS("list of floats"), STRINGS("list of strings"), VECTOR("vector");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The column {@code name}, read as this kind. */
        public Column of(String name) {
            return new Column(name, this);
        }

        /** Whether a column whose own kind is {@code found} (null: none of these) can be read as this kind. */
        boolean accepts(Kind found) {
            return found == this || this == LONG && found == INT || this == DOUBLE && found == FLOAT;
        }

        /** The kind of a Parquet column as Spark wrote it, or null when it is none of these. */
        public static Kind ofType(Type t) {
            if (t.isPrimitive()) {
                LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
                boolean plainInt = a == null
                        || a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.isSigned();
                return switch (t.asPrimitiveType().getPrimitiveTypeName()) {
                    case INT64 -> plainInt ? LONG : null;
                    case INT32 -> plainInt ? INT : null;
                    case DOUBLE -> DOUBLE;
                    case FLOAT -> FLOAT;
                    case BOOLEAN -> BOOLEAN;
                    case BINARY -> a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation ? STRING : null;
                    default -> null;
                };
            }
            GroupType g = t.asGroupType();
            if (g.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
                Type repeated = g.getFieldCount() == 1 ? g.getType(0) : null;
                Type element = repeated != null && !repeated.isPrimitive() && repeated.asGroupType().getFieldCount() == 1
                        ? repeated.asGroupType().getType(0) : null;
                Kind e = element == null ? null : ofType(element);
                return e == FLOAT ? FLOATS : e == STRING ? STRINGS : null;
            }
            return isVector(g) ? VECTOR : null;
        }

        String withArticle() {
            return (this == INT ? "an " : "a ") + label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** A column to read, by name, and the kind it is read as. */
    public record Column(String name, Kind kind) {
    }

    /** VectorUDT's struct {type, size, indices, values}. */
    private static boolean isVector(GroupType g) {
        return g.getFieldCount() == 4 && g.containsField("type") && g.containsField("size")
                && g.containsField("indices") && g.containsField("values");
    }

    /** A growable list of one column's values within one row (a LIST column, or a vector's indices and values). */
    private static final class Buf {
        double[] numbers = new double[16];
        String[] strings;
        int size;

        void add(double v) {
            if (size == numbers.length) {
                numbers = java.util.Arrays.copyOf(numbers, size * 2);
            }
            numbers[size++] = v;
        }

        void add(String v) {
            if (strings == null) {
                strings = new String[16];
            } else if (size == strings.length) {
                strings = java.util.Arrays.copyOf(strings, size * 2);
            }
            strings[size++] = v;
        }
    }

    /**
     * One row; columns by their position in the list asked for (a vector's fields by their position in its struct).
     * Valid only inside the callback: the next row reuses it.
     */
    public static final class Rec {
        private final long[] longs;
        private final double[] doubles;
        private final Object[] objects; // String, Buf (lists) or Rec (structs)
        private final boolean[] present;

        private Rec(int n) {
            longs = new long[n];
            doubles = new double[n];
            objects = new Object[n];
            present = new boolean[n];
        }

        private void clear() {
            java.util.Arrays.fill(present, false);
        }

        public boolean isNull(int c) {
            return !present[c];
        }

        public long getLong(int c) {
            return longs[check(c)];
        }

        public int getInt(int c) {
            return (int) longs[check(c)];
        }

        public double getDouble(int c) {
            return doubles[check(c)];
        }

        public boolean getBoolean(int c) {
            return longs[check(c)] != 0;
        }

        public String getString(int c) {
            return (String) objects[check(c)];
        }

        private int check(int c) {
            if (!present[c]) {
                throw new IllegalStateException("column " + c + " is null in this row");
            }
            return c;
        }

        /** A list of floats (null when the column is null). */
        public float[] floats(int c) {
            if (!present[c]) {
                return null;
            }
            Buf b = (Buf) objects[c];
            float[] out = new float[b.size];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) b.numbers[i];
            }
            return out;
        }

        private double[] doubles(int c) {
            if (!present[c]) {
                return new double[0];
            }
            Buf b = (Buf) objects[c];
            return java.util.Arrays.copyOf(b.numbers, b.size);
        }

        private int[] ints(int c) {
            if (!present[c]) {
                return new int[0];
            }
            Buf b = (Buf) objects[c];
            int[] out = new int[b.size];
            for (int i = 0; i < out.length; i++) {
                out[i] = (int) b.numbers[i];
            }
            return out;
        }

        /** A list of strings (empty when the column is null). */
        public List<String> strings(int c) {
            if (!present[c]) {
                return new ArrayList<>();
            }
            Buf b = (Buf) objects[c];
            List<String> out = new ArrayList<>(b.size);
            for (int i = 0; i < b.size; i++) {
                out.add(b.strings[i]);
            }
            return out;
        }

        /** A Spark ML vector (null when the column is null): VectorUDT's struct {type, size, indices, values}. */
        public Vector vector(int c) {
            if (!present[c]) {
                return null;
            }
            Rec v = (Rec) objects[c];
            return v.getInt(0) == 1 ? Vectors.dense(v.doubles(3)) : Vectors.sparse(v.getInt(1), v.ints(2), v.doubles(3));
        }
    }

    /** Fills one {@link Rec} from the record reader's events, with no objects per value (numbers go to arrays). */
    private static final class RecConverter extends GroupConverter {
        private final Rec rec;
        private final Converter[] children;

        RecConverter(GroupType type) {
            rec = new Rec(type.getFieldCount());
            children = new Converter[type.getFieldCount()];
            for (int c = 0; c < children.length; c++) {
                children[c] = converter(type.getType(c), rec, c);
            }
        }

        private static Converter converter(Type t, Rec rec, int c) {
            if (t.isPrimitive()) {
                return new Value(rec, c);
            }
            GroupType g = t.asGroupType();
            if (g.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
                return new ListOf(rec, c);
            }
            if (isVector(g)) {
                return new Struct(g, rec, c);
            }
            throw new UserError("column " + t.getName() + ": a " + g + " is not a type these tables hold");
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return children[fieldIndex];
        }

        @Override
        public void start() {
            rec.clear();
        }

        @Override
        public void end() {
        }
    }

    /** A vector's struct: a nested row, present once started. */
    private static final class Struct extends GroupConverter {
        private final RecConverter inner;
        private final Rec parent;
        private final int c;

        Struct(GroupType type, Rec parent, int c) {
            this.inner = new RecConverter(type);
            this.parent = parent;
            this.c = c;
            parent.objects[c] = inner.rec;
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return inner.getConverter(fieldIndex);
        }

        @Override
        public void start() {
            inner.start();
            parent.present[c] = true;
        }

        @Override
        public void end() {
        }
    }

    /** Spark's three-level list: {@code group (LIST) { repeated group list { element } }}. */
    private static final class ListOf extends GroupConverter {
        private final Rec rec;
        private final int c;
        private final Buf buf = new Buf();
        private final GroupConverter repeated;

        ListOf(Rec rec, int c) {
            this.rec = rec;
            this.c = c;
            rec.objects[c] = buf;
            PrimitiveConverter element = new PrimitiveConverter() {
                @Override
                public void addInt(int v) {
                    buf.add(v);
                }

                @Override
                public void addLong(long v) {
                    buf.add(v);
                }

                @Override
                public void addFloat(float v) {
                    buf.add(v);
                }

                @Override
                public void addDouble(double v) {
                    buf.add(v);
                }

                @Override
                public void addBinary(Binary v) {
                    buf.add(v.toStringUsingUTF8());
                }
            };
            repeated = new GroupConverter() {
                @Override
                public Converter getConverter(int fieldIndex) {
                    return element;
                }

                @Override
                public void start() {
                }

                @Override
                public void end() {
                }
            };
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return repeated;
        }

        @Override
        public void start() {
            buf.size = 0;
            rec.present[c] = true;
        }

        @Override
        public void end() {
        }
    }

    /** One primitive column. */
    private static final class Value extends PrimitiveConverter {
        private final Rec rec;
        private final int c;

        Value(Rec rec, int c) {
            this.rec = rec;
            this.c = c;
        }

        @Override
        public void addInt(int v) {
            rec.longs[c] = v;
            rec.doubles[c] = v;
            rec.present[c] = true;
        }

        @Override
        public void addLong(long v) {
            rec.longs[c] = v;
            rec.doubles[c] = v;
            rec.present[c] = true;
        }

        @Override
        public void addFloat(float v) {
            rec.doubles[c] = v;
            rec.present[c] = true;
        }

        @Override
        public void addDouble(double v) {
            rec.doubles[c] = v;
            rec.present[c] = true;
        }

        @Override
        public void addBoolean(boolean v) {
            rec.longs[c] = v ? 1 : 0;
            rec.present[c] = true;
        }

        @Override
        public void addBinary(Binary v) {
            rec.objects[c] = v.toStringUsingUTF8();
            rec.present[c] = true;
        }
    }

    /** Hands the reader's one {@link Rec} out as each record's result. */
    private static final class Materializer extends RecordMaterializer<Rec> {
        private final RecConverter root;

        Materializer(MessageType schema) {
            root = new RecConverter(schema);
        }

        @Override
        public Rec getCurrentRecord() {
            return root.rec;
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }

    /**
     * A reader of one part file: local files through java.nio, without a Hadoop configuration (which parses Hadoop's
     * XML defaults first); options per reader, as their codec factory keeps decompressors that one thread at a time
     * may use. A file that is not Parquet (empty, truncated) makes parquet-hadoop throw a plain RuntimeException from
     * the footer: a {@link UserError} naming the file.
     */
    private static ParquetFileReader open(FileAccess files, String part) throws IOException {
        java.nio.file.Path local = files.localOrNull(part);
        InputFile in = local != null ? new LocalInputFile(local)
                : HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(part), files.configuration());
        try {
            return local != null ? new ParquetFileReader(in, org.apache.parquet.ParquetReadOptions
                    .builder(new org.apache.parquet.conf.PlainParquetConfiguration()).build())
                    : ParquetFileReader.open(in);
        } catch (RuntimeException e) {
            throw new UserError(part + ": cannot read it as Parquet: " + e.getMessage(), e);
        }
    }

    /** The part files of the table at {@code path} in name order (a file alone is its own); missing: a {@link UserError}. */
    private static List<String> parts(FileAccess files, String path) {
        Boolean dir = files.isDirectory(path);
        if (dir == null) {
            throw new UserError(path + ": no such table");
        }
        return dir ? files.dataFiles(path) : List.of(path);
    }

    /**
     * The columns of the table at {@code path} as its first part file holds them, in file order, each with its
     * {@link Kind} (null for a type not read here); null when the folder has no part file.
     */
    public static Map<String, Kind> columns(FileAccess files, String path) {
        List<String> parts = parts(files, path);
        if (parts.isEmpty()) {
            return null;
        }
        try (ParquetFileReader r = open(files, parts.get(0))) {
            Map<String, Kind> out = new LinkedHashMap<>();
            for (Type t : r.getFooter().getFileMetaData().getSchema().getFields()) {
                out.put(t.getName(), Kind.ofType(t));
            }
            return out;
        } catch (IOException | org.apache.parquet.ParquetRuntimeException e) {
            throw new UserError(parts.get(0) + ": cannot read it as Parquet: " + e.getMessage(), e);
        }
    }

    /**
     * Calls {@code each} for every row of the table at {@code path} (its part files in name order), with the
     * {@code columns} asked for. A missing table or column, a column of another type than its kind reads (checked
     * as each file opens, before its rows), or a file that is not Parquet, is a {@link UserError} naming the file.
     */
    public static void read(FileAccess files, String path, List<Column> columns, Consumer<Rec> each) {
        for (String part : parts(files, path)) {
            try (ParquetFileReader r = open(files, part)) {
                MessageType schema = r.getFooter().getFileMetaData().getSchema();
                List<Type> fields = new ArrayList<>();
                for (Column c : columns) {
                    if (!schema.containsField(c.name())) {
                        throw new UserError(part + ": no column " + c.name() + " (it has " + schema.getFields()
                                .stream().map(Type::getName).toList() + ")");
                    }
                    Type t = schema.getType(c.name());
                    Kind found = Kind.ofType(t);
                    if (!c.kind().accepts(found)) {
                        String is = found != null ? found.withArticle()
                                : "of Parquet type " + t.toString().replaceAll("\\s+", " ").trim();
                        throw new UserError(part + ": column " + c.name() + " is " + is + ", expected "
                                + c.kind().withArticle());
                    }
                    fields.add(t);
                }
                MessageType projected = new MessageType(schema.getName(), fields);
                r.setRequestedSchema(projected);
                ColumnIOFactory io = new ColumnIOFactory();
                Materializer m = new Materializer(projected);
                for (PageReadStore pages = r.readNextRowGroup(); pages != null; pages = r.readNextRowGroup()) {
                    RecordReader<Rec> records = io.getColumnIO(projected, schema).getRecordReader(pages, m);
                    for (long i = 0, n = pages.getRowCount(); i < n; i++) {
                        each.accept(records.read());
                    }
                }
            } catch (IOException | org.apache.parquet.ParquetRuntimeException e) {
                throw new UserError(part + ": cannot read it as Parquet: " + e.getMessage(), e);
            }
        }
    }
}
