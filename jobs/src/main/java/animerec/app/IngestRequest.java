package animerec.app;

import animerec.data.Columns;
import animerec.data.ingest.Separators;
import animerec.util.UserError;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Raw files to convert into the data contract ({@code animerec ingest}); {@code ratingMax} null: the format's. */
public record IngestRequest(String format, String input, String out, String items, char sep, boolean header,
                            Map<String, String> columns, double ratingMin, Double ratingMax, Double unratedMarker,
                            boolean dropUnrated, boolean itemsOnly) {
    public static final List<String> FORMATS = List.of("movielens-100k", "kaggle-anime", "csv");

    /** Checks the format, the columns, the separator and the input before Spark starts. */
    public static IngestRequest of(AppContext ctx, String format, String input, String out, String items, String sep,
                                   boolean header, Map<String, String> columns, double ratingMin, Double ratingMax,
                                   Double unratedMarker, boolean dropUnrated, boolean itemsOnly) {
        String f = format.toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(f)) {
            throw new UserError("unknown --format '" + format + "' (expected movielens-100k, kaggle-anime or csv)");
        }
        char separator = Separators.parse(sep);
        for (String key : columns.keySet()) {
            if (!List.of(Columns.USER, Columns.ITEM, Columns.RATING, Columns.TIMESTAMP).contains(key)) {
                throw new UserError("--columns: unknown contract column '" + key
                        + "' (expected user_id, anime_id, rating, timestamp)");
            }
        }
        for (Map.Entry<String, String> e : header ? Map.<String, String>of().entrySet() : columns.entrySet()) {
            if (!e.getValue().trim().matches("\\d+")) {
                throw new UserError("--columns " + e.getKey() + "=" + e.getValue() + ": without --header, fields are 0-based positions");
            }
        }
        Inputs files = new Inputs(ctx);
        if (f.equals("csv")) {
            files.exists(input, "--input");
        } else {
            files.folder(input, "--input");
        }
        if (items != null) {
            files.exists(items, "--items");
        }
        files.notAFile(out, "--out");
        return new IngestRequest(f, input, out, items, separator, header, Map.copyOf(columns), ratingMin, ratingMax,
                unratedMarker, dropUnrated, itemsOnly);
    }

    /** {@code format} and {@code input} with the command line's defaults for everything else (the pipeline's data step). */
    public static IngestRequest of(AppContext ctx, String format, String input, String out) {
        return of(ctx, format, input, out, null, ",", true, Map.of(), 1, null, null, false, false);
    }
}
