package animerec.data.ingest;

import animerec.data.Columns;
import animerec.util.Excerpt;
import animerec.util.UserError;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Parses delimited interaction lines ({@code user, item, rating[, timestamp]}) by field position or, with a
 * header, by column name. A line whose field count differs from the header's (or from the format's), ids that are
 * empty, negative, above 2^63-1 or not whole numbers, ratings outside the scale and unparseable lines become
 * quarantine rows with a reason (raw text in a reason is an escaped {@link Excerpt}). An empty rating field is watched-unrated (a null rating, or
 * dropped: {@link RatingRules#unrated()}), as is the rules' unrated marker.
 */
public final class InteractionLineParser implements LineParser {
    private static final long serialVersionUID = 1L;

    private final char sep;
    private final boolean header;
    private final String[] headerNames; // user, item, rating, timestamp (timestamp may be null); used with a header
    private int userIdx;
    private int itemIdx;
    private int ratingIdx;
    private int timestampIdx;
    private int fields; // the exact field count of a line: the header's, or the format's; 0 when unknown
    private final RatingRules rules;

    /** Fields by position (0-based); {@code timestampIdx} &lt; 0 when there is none. */
    public static InteractionLineParser byPosition(char sep, int userIdx, int itemIdx, int ratingIdx, int timestampIdx,
                                                   boolean skipHeader, RatingRules rules) {
        return new InteractionLineParser(sep, skipHeader, null, userIdx, itemIdx, ratingIdx, timestampIdx, rules);
    }

    /** This parser, also refusing lines that do not have exactly {@code n} fields (a format without a header). */
    public InteractionLineParser withFieldCount(int n) {
        InteractionLineParser p = new InteractionLineParser(sep, header, headerNames, userIdx, itemIdx, ratingIdx,
                timestampIdx, rules);
        p.fields = n;
        return p;
    }

    /** Fields by header name; {@code timestampName} may be null. */
    public static InteractionLineParser byName(char sep, String userName, String itemName, String ratingName,
                                               String timestampName, RatingRules rules) {
        return new InteractionLineParser(sep, true, new String[] {userName, itemName, ratingName, timestampName},
                -1, -1, -1, -1, rules);
    }

    private InteractionLineParser(char sep, boolean header, String[] headerNames, int userIdx, int itemIdx,
                                  int ratingIdx, int timestampIdx, RatingRules rules) {
        this.sep = sep;
        this.header = header;
        this.headerNames = headerNames;
        this.userIdx = userIdx;
        this.itemIdx = itemIdx;
        this.ratingIdx = ratingIdx;
        this.timestampIdx = timestampIdx;
        this.rules = rules;
    }

    @Override
    public StructType schema() {
        return Columns.nullable(Columns.INTERACTIONS).add("reason", DataTypes.StringType, true);
    }

    @Override
    public boolean hasHeader() {
        return header;
    }

    @Override
    public void checkHeader(String file, String line) {
        if (headerNames == null) {
            return;
        }
        List<String> names;
        try {
            names = CsvLine.split(line, sep).stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
        } catch (IllegalArgumentException e) {
            throw new UserError(file + ": line 1 is not a header (" + e.getMessage() + "): " + Excerpt.quoted(line));
        }
        fields = names.size();
        int[] idx = new int[4];
        for (int i = 0; i < 4; i++) {
            if (headerNames[i] == null) {
                idx[i] = -1;
                continue;
            }
            idx[i] = names.indexOf(headerNames[i].toLowerCase(Locale.ROOT));
            if (idx[i] < 0) {
                throw new UserError(file + ": header has no column '" + headerNames[i] + "' (found: "
                        + found(names) + "; separator '" + printable(sep) + "')");
            }
        }
        userIdx = idx[0];
        itemIdx = idx[1];
        ratingIdx = idx[2];
        timestampIdx = idx[3];
    }

    @Override
    public Row parse(String line, long lineNo) {
        if (line.isBlank()) {
            return bad("empty line");
        }
        List<String> f;
        try {
            f = CsvLine.split(line, sep);
        } catch (IllegalArgumentException e) {
            return bad("unparseable line: " + e.getMessage());
        }
        if (fields > 0 && f.size() != fields) {
            return bad("wrong field count: " + f.size() + " fields separated by '" + printable(sep) + "' where the "
                    + (header ? "header has " : "format has ") + fields);
        }
        int needed = Math.max(Math.max(userIdx, itemIdx), Math.max(ratingIdx, timestampIdx)) + 1;
        if (f.size() < needed) {
            return bad("too few fields: expected at least " + needed + " fields separated by '" + printable(sep) + "', found " + f.size());
        }
        Long user = id(f.get(userIdx));
        if (user == null) {
            return bad(idProblem(f.get(userIdx), "user id"));
        }
        Long item = id(f.get(itemIdx));
        if (item == null) {
            return bad(idProblem(f.get(itemIdx), "item id"));
        }
        String rawRating = f.get(ratingIdx);
        RatingRules.Checked checked;
        if (rawRating.isEmpty()) {
            checked = rules.unrated();
        } else {
            try {
                checked = rules.check(Double.parseDouble(rawRating));
            } catch (NumberFormatException e) {
                return bad("non-numeric rating: " + Excerpt.quoted(rawRating));
            }
        }
        if (checked.rejection() != null) {
            return bad(checked.rejection());
        }
        if (checked.drop()) {
            return bad("unrated dropped: watched-unrated interactions are dropped by configuration");
        }
        Long ts = null;
        if (timestampIdx >= 0) {
            ts = parseLong(f.get(timestampIdx));
            if (ts == null) {
                return bad("non-numeric timestamp: " + Excerpt.quoted(f.get(timestampIdx)));
            }
        }
        return RowFactory.create(user, item, checked.rating(), ts, null);
    }

    private static Row bad(String reason) {
        return RowFactory.create(null, null, null, null, reason);
    }

    private static final java.util.regex.Pattern WHOLE = java.util.regex.Pattern.compile("[+-]?\\d+");

    /** {@code raw} as an id (a whole number from 0 to 2^63-1), or null ({@link #idProblem} says why). Parsed once. */
    static Long id(String raw) {
        Long v = parseLong(raw);
        return v != null && v >= 0 ? v : null;
    }

    /**
     * Why {@code raw} is not an id ({@link #id} gave null), as a quarantine reason whose kind (before the colon) tells
     * the cases apart. {@code what} names the field ("user id").
     */
    static String idProblem(String raw, String what) {
        String s = raw.trim();
        if (s.isEmpty()) {
            return "empty " + what;
        }
        if (!WHOLE.matcher(s).matches()) {
            return "non-numeric " + what + ": " + Excerpt.quoted(raw);
        }
        return s.startsWith("-") ? "negative " + what + ": " + Excerpt.quoted(raw)
                : what + " above 2^63-1: " + Excerpt.quoted(raw);
    }

    /** Header names for a message: escaped, at most six. */
    static String found(List<String> names) {
        List<String> shown = names.stream().limit(6).map(Excerpt::quoted).toList();
        return String.join(", ", shown) + (names.size() > 6 ? ", ... (" + names.size() + " fields)" : "");
    }

    static Long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String printable(char c) {
        return c == '\t' ? "\\t" : String.valueOf(c);
    }
}
