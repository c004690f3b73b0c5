package animerec.eval;

import animerec.data.Columns;
import animerec.util.Excerpt;
import animerec.util.FileAccess;
import animerec.util.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Reads recommendation and ground-truth files from any system, in plain Java (no SparkSession): CSV, or TSV when the
 * header line has a tab, with a header line; a folder is read as Spark reads one (every file not starting with
 * {@code _} or {@code .}, each with its header, in name order); {@code .gz} and Hadoop's other codecs are decompressed.
 * <ul>
 *   <li>Recommendations: {@code user_id, item_id} (or {@code anime_id}) and {@code rank}, or a {@code score} column to
 *   sort by, highest first (ties: the lower item id first); other columns are ignored.</li>
 *   <li>Truth: {@code user_id, item_id} (or {@code anime_id}), and an optional {@code relevance} column (rows with
 *   relevance &lt;= 0 are not relevant); other columns are ignored.</li>
 * </ul>
 * Everything is checked, and the first problem is a {@link UserError} naming the option, the file and the line: a
 * header without the expected columns (listing those found and those expected), a row with another number of fields
 * than the header, an id that is empty, not a whole number, negative or above 2^63-1, a rank that is not a whole
 * number, a score or relevance that is not a number. Text from the file is quoted as a short escaped excerpt
 * ({@link Excerpt}), never raw.
 */
public final class RankingFiles {
    /** The longest line read (a binary file without line breaks is refused instead of read whole). */
    static final int MAX_LINE = 1 << 20;
    private static final String[] ITEM_NAMES = {"item_id", Columns.ITEM};
    private static final String IDS = "0 to 9223372036854775807";
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?Infinity");

    private RankingFiles() {
    }

    /** The rows of a recommendation file: user, item, rank (computed from the score when the file has none), score. */
    public static final class Recommendations {
        private long[] users = new long[1024];
        private long[] items = new long[1024];
        private int[] ranks = new int[1024];
        private double[] scores = new double[1024];
        private int size;

        private void add(long user, long item, int rank, double score) {
            if (size == users.length) {
                int n = size * 2;
                users = Arrays.copyOf(users, n);
                items = Arrays.copyOf(items, n);
                ranks = Arrays.copyOf(ranks, n);
                scores = Arrays.copyOf(scores, n);
            }
            users[size] = user;
            items[size] = item;
            ranks[size] = rank;
            scores[size] = score;
            size++;
        }

        public int size() {
            return size;
        }

        public long user(int i) {
            return users[i];
        }

        public long item(int i) {
            return items[i];
        }

        public int rank(int i) {
            return ranks[i];
        }

        public double score(int i) {
            return scores[i];
        }

        /** Row indices per user, in file order. */
        private Map<Long, int[]> rowsByUser() {
            Map<Long, int[]> counts = new HashMap<>();
            for (int i = 0; i < size; i++) {
                counts.computeIfAbsent(users[i], u -> new int[1])[0]++;
            }
            Map<Long, int[]> rows = new HashMap<>(counts.size() * 2);
            Map<Long, int[]> fill = new HashMap<>(counts.size() * 2);
            counts.forEach((u, c) -> {
                rows.put(u, new int[c[0]]);
                fill.put(u, new int[1]);
            });
            for (int i = 0; i < size; i++) {
                rows.get(users[i])[fill.get(users[i])[0]++] = i;
            }
            return rows;
        }

        /** Each user's items by rank, ties by item id (as the Spark evaluator sorts them); duplicates kept. */
        public Map<Long, long[]> lists() {
            Map<Long, long[]> sorted = listsIfSorted();
            if (sorted != null) {
                return sorted;
            }
            Map<Long, long[]> out = new HashMap<>();
            rowsByUser().forEach((u, rows) -> {
                Integer[] order = box(rows);
                Arrays.sort(order, (a, b) -> ranks[a] != ranks[b] ? Integer.compare(ranks[a], ranks[b])
                        : Long.compare(items[a], items[b]));
                long[] list = new long[order.length];
                for (int j = 0; j < order.length; j++) {
                    list[j] = items[order[j]];
                }
                out.put(u, list);
            });
            return out;
        }

        /**
         * The lists when the file already holds each user's rows together and in order (what `recommend` writes, and
         * most systems): sliced without sorting; null otherwise.
         */
        private Map<Long, long[]> listsIfSorted() {
            Map<Long, long[]> out = new HashMap<>();
            int start = 0;
            for (int i = 1; i <= size; i++) {
                if (i < size && users[i] == users[start]) {
                    if (ranks[i] < ranks[i - 1] || (ranks[i] == ranks[i - 1] && items[i] < items[i - 1])) {
                        return null;
                    }
                    continue;
                }
                if (out.put(users[start], Arrays.copyOfRange(items, start, i)) != null) {
                    return null; // the user's rows are not together
                }
                start = i;
            }
            return out;
        }

        /** Ranks 1..n per user by score, highest first, ties by item id (Spark's row_number over that order). */
        private void rankByScore() {
            rowsByUser().forEach((u, rows) -> {
                Integer[] order = box(rows);
                Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a])
                        : Long.compare(items[a], items[b]));
                for (int j = 0; j < order.length; j++) {
                    ranks[order[j]] = j + 1;
                }
            });
        }

        private static Integer[] box(int[] rows) {
            Integer[] order = new Integer[rows.length];
            for (int j = 0; j < rows.length; j++) {
                order[j] = rows[j];
            }
            return order;
        }
    }

    /** The relevant items of each user with at least one (distinct, in file order). */
    public record Truth(Map<Long, long[]> relevant) {
    }

    /**
     * Reads a recommendation file or folder; {@code option} ({@code --recs}, or null) opens every message.
     */
    public static Recommendations readRecommendations(FileAccess files, String path, String option) {
        Recommendations out = new Recommendations();
        boolean[] byScore = new boolean[1];
        read(files, path, option, new Sink() {
            int user;
            int item;
            int rank;
            int score;

            @Override
            public void header(Where at, List<String> columns) {
                user = columns.indexOf(Columns.USER);
                item = indexOf(columns, ITEM_NAMES);
                rank = columns.indexOf(Columns.RANK);
                score = columns.indexOf(Columns.SCORE);
                if (user < 0 || item < 0 || (rank < 0 && score < 0)) {
                    throw at.headerError(columns, "user_id, item_id (or anime_id), and rank or score");
                }
                byScore[0] = rank < 0;
            }

            @Override
            public void row(Where at, List<String> f) {
                out.add(id(at, f.get(user), Columns.USER), id(at, f.get(item), "item_id"),
                        rank < 0 ? 0 : rank(at, f.get(rank)), score < 0 ? 0.0 : number(at, f.get(score), Columns.SCORE));
            }
        });
        if (byScore[0]) {
            out.rankByScore();
        }
        return out;
    }

    /** Reads a truth file or folder; {@code option} ({@code --truth}, or null) opens every message. */
    public static Truth readTruth(FileAccess files, String path, String option) {
        Map<Long, Set<Long>> relevant = new LinkedHashMap<>();
        long[] rows = new long[1];
        read(files, path, option, new Sink() {
            int user;
            int item;
            int relevance;

            @Override
            public void header(Where at, List<String> columns) {
                user = columns.indexOf(Columns.USER);
                item = indexOf(columns, ITEM_NAMES);
                relevance = columns.indexOf("relevance");
                if (user < 0 || item < 0) {
                    throw at.headerError(columns, "user_id, item_id (or anime_id), and optionally relevance");
                }
            }

            @Override
            public void row(Where at, List<String> f) {
                long u = id(at, f.get(user), Columns.USER);
                long i = id(at, f.get(item), "item_id");
                rows[0]++;
                if (relevance < 0 || number(at, f.get(relevance), "relevance") > 0) {
                    relevant.computeIfAbsent(u, x -> new LinkedHashSet<>()).add(i);
                }
            }
        });
        if (rows[0] == 0) {
            throw new UserError(name(option, path) + ": a header but no rows (no held-out truth to score against)");
        }
        Map<Long, long[]> out = new HashMap<>(relevant.size() * 2);
        relevant.forEach((u, s) -> out.put(u, s.stream().mapToLong(Long::longValue).toArray()));
        return new Truth(out);
    }

    /** {@code user_id, anime_id, rank, score}, read as {@link #readRecommendations(FileAccess, String, String)} reads. */
    public static Dataset<Row> readRecommendations(SparkSession spark, String file) {
        Recommendations r = readRecommendations(FileAccess.hadoop(spark.sparkContext().hadoopConfiguration()), file, null);
        List<Row> rows = new ArrayList<>(r.size());
        for (int i = 0; i < r.size(); i++) {
            rows.add(RowFactory.create(r.user(i), r.item(i), r.rank(i), r.score(i)));
        }
        return spark.createDataFrame(rows, animerec.model.Recommendations.SCHEMA);
    }

    private static int indexOf(List<String> columns, String... names) {
        for (String n : names) {
            int i = columns.indexOf(n);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** An id: a whole number from 0 to 2^63-1. */
    static long id(Where at, String raw, String column) {
        String s = blanksOff(raw);
        if (s.isEmpty()) {
            throw at.error(column + " is empty");
        }
        try {
            long v = Long.parseLong(s);
            if (v < 0) {
                throw at.error(column + " " + Excerpt.quoted(s) + " is negative (ids are " + IDS + ")");
            }
            return v;
        } catch (NumberFormatException e) {
            if (s.matches("[+]?\\d+")) {
                throw at.error(column + " " + Excerpt.quoted(s) + " is above 2^63-1 (ids are " + IDS + ")");
            }
            if (s.matches("-\\d+")) {
                throw at.error(column + " " + Excerpt.quoted(s) + " is negative (ids are " + IDS + ")");
            }
            throw at.error(column + " " + Excerpt.quoted(s) + " is not " + (isNumber(s) ? "a whole number" : "a number")
                    + " (ids are " + IDS + ")");
        }
    }

    static int rank(Where at, String raw) {
        String s = blanksOff(raw);
        if (s.isEmpty()) {
            throw at.error("rank is empty");
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            if (s.matches("[+-]?\\d+")) {
                throw at.error("rank " + Excerpt.quoted(s) + " is out of range (at most " + Integer.MAX_VALUE + ")");
            }
            throw at.error("rank " + Excerpt.quoted(s) + " is not " + (isNumber(s) ? "a whole number" : "a number"));
        }
    }

    static double number(Where at, String raw, String column) {
        String s = blanksOff(raw);
        if (s.isEmpty()) {
            throw at.error(column + " is empty");
        }
        if (isNumber(s)) {
            double v = Double.parseDouble(s);
            if (!Double.isNaN(v)) {
                return v + 0.0; // -0.0 as 0.0: Spark sorts the two as equal
            }
        }
        throw at.error(column + " " + Excerpt.quoted(s) + " is not a number");
    }

    /** {@code s} without the spaces and tabs around it (a control character stays, to be refused and shown). */
    private static String blanksOff(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) {
            a++;
        }
        while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t')) {
            b--;
        }
        return a == 0 && b == s.length() ? s : s.substring(a, b);
    }

    /** Decimal notation only: Java's parser also takes hex floats and a d/f suffix, which no CSV means. */
    private static boolean isNumber(String s) {
        int digits = 0;
        int dots = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.') {
                dots++;
            } else {
                return NUMBER.matcher(s).matches(); // a sign, an exponent, Infinity, or not a number
            }
        }
        return digits > 0 && dots <= 1;
    }

    /** What a file's lines go to: its header (lower-cased, trimmed names), then each row of as many fields. */
    private interface Sink {
        void header(Where at, List<String> columns);

        void row(Where at, List<String> fields);
    }

    /** The file and line being read, for messages. */
    static final class Where {
        private final String name;
        private long line;

        Where(String name) {
            this.name = name;
        }

        UserError error(String what) {
            return new UserError(name + ": line " + line + ": " + what);
        }

        UserError headerError(List<String> found, String expected) {
            String joined = String.join(",", found);
            if (!joined.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                return new UserError(name + ": the first line is not a CSV or TSV header (it holds non-text bytes: "
                        + Excerpt.quoted(joined) + "); expected columns " + expected);
            }
            List<String> shown = new ArrayList<>();
            for (String c : found.subList(0, Math.min(found.size(), 12))) {
                shown.add(c.isEmpty() ? "(empty)" : Excerpt.of(c));
            }
            String more = found.size() > 12 ? ", ... (" + found.size() + " in all)" : "";
            boolean numeric = found.stream().allMatch(c -> c.matches("[+-]?[\\d.eE]+"));
            return new UserError(name + ": the header has columns " + String.join(", ", shown) + more
                    + "; expected " + expected + (numeric ? " (the first line must be a header naming the columns)" : ""));
        }
    }

    private static String name(String option, String path) {
        return option == null ? path : option + " " + path;
    }

    private static void read(FileAccess files, String path, String option, Sink sink) {
        Boolean dir = files.isDirectory(path);
        if (dir == null) {
            throw new UserError(name(option, path) + ": no such file or folder");
        }
        List<String> parts = dir ? files.dataFiles(path) : List.of(path);
        List<String> first = null;
        String firstFile = null;
        for (String part : parts) {
            String shown = name(option, part);
            try (InputStream in = files.open(part);
                 LineReader lines = new LineReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1))) {
                Where at = new Where(shown);
                String header = lines.next(at);
                if (header == null) {
                    if (dir) {
                        continue; // an empty part file: Spark writes none for an empty partition, or an empty one
                    }
                    throw new UserError(shown + ": file is empty");
                }
                if (header.startsWith("\u00ef\u00bb\u00bf")) {
                    header = header.substring(3); // a UTF-8 byte order mark, read as ISO-8859-1
                }
                char sep = header.indexOf('\t') >= 0 ? '\t' : ',';
                List<String> columns = new ArrayList<>();
                for (String c : split(header, sep, at)) {
                    columns.add(c.trim().toLowerCase(Locale.ROOT));
                }
                if (first == null) {
                    first = columns;
                    firstFile = part;
                    sink.header(at, columns);
                } else if (!first.equals(columns)) {
                    throw new UserError(shown + ": its header differs from that of " + firstFile + " in the same folder");
                }
                String line;
                while ((line = lines.next(at)) != null) {
                    if (line.isBlank()) {
                        continue; // as Spark's CSV reader, which skips empty lines
                    }
                    List<String> fields = split(line, sep, at);
                    if (fields.size() != columns.size()) {
                        throw at.error(fields.size() + (fields.size() == 1 ? " field" : " fields") + " where the header has "
                                + columns.size() + ": " + Excerpt.quoted(line));
                    }
                    sink.row(at, fields);
                }
            } catch (IOException e) {
                throw new UserError("cannot read " + shown + ": " + e.getMessage(), e);
            }
        }
        if (first == null) {
            throw new UserError(name(option, path) + ": a folder without a data file (or only empty ones)");
        }
    }

    /** The fields of one line: separated by {@code sep}; a field in double quotes may hold the separator, "" or \". */
    static List<String> split(String line, char sep, Where at) {
        List<String> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (true) {
            if (i < n && line.charAt(i) == '"') {
                StringBuilder f = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        f.append(line.charAt(i + 1));
                        i += 2;
                    } else if (c == '"' && i + 1 < n && line.charAt(i + 1) == '"') {
                        f.append('"');
                        i += 2;
                    } else if (c == '"') {
                        i++;
                        closed = true;
                        break;
                    } else {
                        f.append(c);
                        i++;
                    }
                }
                if (!closed) {
                    throw at.error("a quoted field is not closed: " + Excerpt.quoted(line));
                }
                if (i < n && line.charAt(i) != sep) {
                    throw at.error("text after a closing quote: " + Excerpt.quoted(line));
                }
                out.add(f.toString());
            } else {
                int j = line.indexOf(sep, i);
                if (j < 0) {
                    j = n;
                }
                out.add(line.substring(i, j));
                i = j;
            }
            if (i >= n) {
                return out;
            }
            i++; // the separator
        }
    }

    /** Lines of at most {@link #MAX_LINE} characters ({@code \n}, {@code \r\n} or {@code \r} end one), counted. */
    private static final class LineReader implements AutoCloseable {
        private final Reader in;
        private final char[] buf = new char[1 << 16];
        private int pos;
        private int end;
        private long line;
        private boolean skipLf;

        LineReader(Reader in) {
            this.in = in;
        }

        /** The next line (its number set in {@code at}), or null at the end. */
        String next(Where at) throws IOException {
            StringBuilder sb = null;
            while (true) {
                if (pos == end) {
                    end = in.read(buf, 0, buf.length);
                    pos = 0;
                    if (end <= 0) {
                        end = 0;
                        if (sb == null) {
                            return null;
                        }
                        at.line = ++line;
                        return sb.toString();
                    }
                }
                if (skipLf) {
                    skipLf = false;
                    if (buf[pos] == '\n') {
                        pos++;
                        continue;
                    }
                }
                int start = pos;
                while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') {
                    pos++;
                }
                int len = pos - start;
                if ((sb == null ? 0 : sb.length()) + len > MAX_LINE) {
                    at.line = line + 1;
                    throw at.error("longer than " + MAX_LINE + " characters (not a CSV or TSV file?): "
                            + Excerpt.quoted(sb != null && sb.length() > 0 ? sb.substring(0, Math.min(sb.length(), 64))
                                    : new String(buf, start, Math.min(len, 64))));
                }
                if (pos < end) {
                    char c = buf[pos++];
                    skipLf = c == '\r';
                    at.line = ++line;
                    if (sb == null) {
                        return new String(buf, start, len);
                    }
                    return sb.append(buf, start, len).toString();
                }
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(buf, start, len);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
