package animerec.app;

import animerec.data.Columns;
import animerec.data.ingest.InteractionLineParser;
import animerec.data.ingest.RatingRules;
import animerec.data.ingest.Separators;
import animerec.util.HadoopFiles;
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
            if (!e.getValue().trim().matches("\\d{1,6}")) {
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
        IngestRequest request = new IngestRequest(f, input, out, items, separator, header, Map.copyOf(columns), ratingMin,
                ratingMax, unratedMarker, dropUnrated, itemsOnly);
        request.checkFirstLines(files);
        return request;
    }

    /**
     * The header (or the emptiness, {@link Inputs#firstLine}) of local input files, checked as the ingest will check it, so that a wrong header
     * or a binary file is one line before Spark starts. Files on other file systems are checked by the job.
     */
    private void checkFirstLines(Inputs files) {
        InteractionLineParser parser = format.equals("movielens-100k") ? null : interactionParser();
        String file = format.equals("csv") ? input : format.equals("kaggle-anime") && !itemsOnly
                ? HadoopFiles.child(input, "rating.csv") : HadoopFiles.child(input, "u.data");
        String line = files.firstLine(file);
        if (line == null) {
            return;
        }
        if (line.indexOf('\u0000') >= 0 || line.chars().filter(c -> c == '\uFFFD').count() > 2) {
            throw new UserError(file + ": line 1 is not text (a binary file?): " + animerec.util.Excerpt.quoted(line));
        }
        if (parser != null && parser.hasHeader()) {
            parser.checkHeader(file, line);
        }
    }

    /** The parser of the interaction file of the kaggle-anime and csv formats (not movielens-100k's u.data). */
    public InteractionLineParser interactionParser() {
        if (format.equals("kaggle-anime")) {
            return InteractionLineParser.byName(',', "user_id", "anime_id", "rating", null, new RatingRules(ratingMin,
                    ratingMax == null ? 10 : ratingMax, unratedMarker == null ? -1.0 : unratedMarker, !dropUnrated));
        }
        RatingRules rules = new RatingRules(ratingMin, ratingMax == null ? 10 : ratingMax, unratedMarker, !dropUnrated);
        return header
                ? InteractionLineParser.byName(sep, columns.getOrDefault(Columns.USER, Columns.USER),
                    columns.getOrDefault(Columns.ITEM, Columns.ITEM), columns.getOrDefault(Columns.RATING, Columns.RATING),
                    columns.get(Columns.TIMESTAMP), rules)
                : InteractionLineParser.byPosition(sep, position(Columns.USER, 0), position(Columns.ITEM, 1),
                    position(Columns.RATING, 2), columns.containsKey(Columns.TIMESTAMP) ? position(Columns.TIMESTAMP, 3) : -1,
                    false, rules);
    }

    private int position(String column, int def) {
        String v = columns.get(column);
        return v == null ? def : Integer.parseInt(v.trim()); // checked in of()
    }

    /** {@code format} and {@code input} with the command line's defaults for everything else (the pipeline's data step). */
    public static IngestRequest of(AppContext ctx, String format, String input, String out) {
        return of(ctx, format, input, out, null, ",", true, Map.of(), 1, null, null, false, false);
    }
}
