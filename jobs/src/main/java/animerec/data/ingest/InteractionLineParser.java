package animerec.data.ingest;

import animerec.data.Columns;
import animerec.util.UserError;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Parses delimited interaction lines ({@code user, item, rating[, timestamp]}) by field position or, with a
 * header, by column name. Non-numeric ids, missing fields, ratings outside the scale and unparseable
 * lines become quarantine rows with a reason. An empty rating field is watched-unrated (a null rating, or
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
    private final RatingRules rules;

    /** Fields by position (0-based); {@code timestampIdx} &lt; 0 when there is none. */
    public static InteractionLineParser byPosition(char sep, int userIdx, int itemIdx, int ratingIdx, int timestampIdx,
                                                   boolean skipHeader, RatingRules rules) {
        return new InteractionLineParser(sep, skipHeader, null, userIdx, itemIdx, ratingIdx, timestampIdx, rules);
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
        List<String> names = CsvLine.split(line, sep).stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
        int[] idx = new int[4];
        for (int i = 0; i < 4; i++) {
            if (headerNames[i] == null) {
                idx[i] = -1;
                continue;
            }
            idx[i] = names.indexOf(headerNames[i].toLowerCase(Locale.ROOT));
            if (idx[i] < 0) {
                throw new UserError(file + ": header has no column '" + headerNames[i] + "' (found: "
                        + String.join(", ", names) + "; separator '" + printable(sep) + "')");
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
        int needed = Math.max(Math.max(userIdx, itemIdx), Math.max(ratingIdx, timestampIdx)) + 1;
        if (f.size() < needed) {
            return bad("too few fields: expected at least " + needed + " fields separated by '" + printable(sep) + "', found " + f.size());
        }
        Long user = parseLong(f.get(userIdx));
        if (user == null) {
            return bad("non-numeric user id: '" + f.get(userIdx) + "'");
        }
        Long item = parseLong(f.get(itemIdx));
        if (item == null) {
            return bad("non-numeric item id: '" + f.get(itemIdx) + "'");
        }
        String rawRating = f.get(ratingIdx);
        RatingRules.Checked checked;
        if (rawRating.isEmpty()) {
            checked = rules.unrated();
        } else {
            try {
                checked = rules.check(Double.parseDouble(rawRating));
            } catch (NumberFormatException e) {
                return bad("non-numeric rating: '" + rawRating + "'");
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
                return bad("non-numeric timestamp: '" + f.get(timestampIdx) + "'");
            }
        }
        return RowFactory.create(user, item, checked.rating(), ts, null);
    }

    private static Row bad(String reason) {
        return RowFactory.create(null, null, null, null, reason);
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
