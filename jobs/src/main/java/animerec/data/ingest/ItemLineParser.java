package animerec.data.ingest;

import animerec.data.Columns;
import animerec.data.ItemText;
import animerec.util.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Parses item metadata lines into the contract's {@code items} table. Two layouts:
 * <ul>
 *   <li>{@link #movieLens()} — MovieLens {@code u.item}: {@code id|title|date|video date|url|19 genre flags};
 *       flags become genre names, title becomes name.</li>
 *   <li>{@link #withHeader(char)} — a delimited file with a header naming {@code anime_id} (or {@code item_id},
 *       {@code id}), {@code name} (or {@code title}), {@code genre}/{@code genres} (comma- or pipe-separated list),
 *       and optional {@code synopsis}, {@code type}, {@code episodes}, {@code members} — Kaggle's
 *       {@code anime.csv} is of this kind.</li>
 * </ul>
 * Names and synopses are HTML-unescaped ({@link ItemText#unescape}).
 */
public final class ItemLineParser implements LineParser {
    private static final long serialVersionUID = 1L;

    /** Genre names of MovieLens 100K's flags, in {@code u.genre} order. */
    public static final List<String> MOVIELENS_GENRES = List.of("unknown", "Action", "Adventure", "Animation",
            "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical",
            "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western");

    private final boolean movieLens;
    private final char sep;
    private int idIdx = -1;
    private int nameIdx = -1;
    private int genreIdx = -1;
    private int synopsisIdx = -1;
    private int typeIdx = -1;
    private int episodesIdx = -1;
    private int membersIdx = -1;

    private ItemLineParser(boolean movieLens, char sep) {
        this.movieLens = movieLens;
        this.sep = sep;
    }

    public static ItemLineParser movieLens() {
        return new ItemLineParser(true, '|');
    }

    public static ItemLineParser withHeader(char sep) {
        return new ItemLineParser(false, sep);
    }

    @Override
    public StructType schema() {
        return Columns.nullable(Columns.ITEMS).add("reason", DataTypes.StringType, true);
    }

    @Override
    public boolean hasHeader() {
        return !movieLens;
    }

    @Override
    public void checkHeader(String file, String line) {
        List<String> names;
        try {
            names = CsvLine.split(line, sep).stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
        } catch (IllegalArgumentException e) {
            throw new UserError(file + ": line 1 is not a header (" + e.getMessage() + "): "
                    + animerec.util.Excerpt.quoted(line));
        }
        idIdx = first(names, "anime_id", "item_id", "id", "movie_id");
        nameIdx = first(names, "name", "title");
        genreIdx = first(names, "genres", "genre");
        if (idIdx < 0 || nameIdx < 0) {
            throw new UserError(file + ": item header needs an id column (anime_id, item_id or id) and a name column"
                    + " (name or title); found: " + InteractionLineParser.found(names));
        }
        synopsisIdx = first(names, "synopsis", "description");
        typeIdx = first(names, "type");
        episodesIdx = first(names, "episodes");
        membersIdx = first(names, "members");
    }

    private static int first(List<String> names, String... candidates) {
        for (String c : candidates) {
            int i = names.indexOf(c);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Row parse(String line, long lineNo) {
        if (line.isBlank()) {
            return bad("empty line");
        }
        List<String> f;
        try {
            f = movieLens ? List.of(line.split("\\|", -1)) : CsvLine.split(line, sep);
        } catch (IllegalArgumentException e) {
            return bad("unparseable line: " + e.getMessage());
        }
        return movieLens ? parseMovieLens(f) : parseHeaderLayout(f);
    }

    private Row parseMovieLens(List<String> f) {
        int flags = MOVIELENS_GENRES.size();
        if (f.size() < 5 + flags) {
            return bad("too few fields: expected " + (5 + flags) + " fields separated by '|', found " + f.size());
        }
        Long id = InteractionLineParser.id(f.get(0));
        if (id == null) {
            return bad(InteractionLineParser.idProblem(f.get(0), "item id"));
        }
        List<String> genres = new ArrayList<>();
        for (int g = 0; g < flags; g++) {
            String flag = f.get(5 + g).trim();
            if (flag.equals("1")) {
                genres.add(MOVIELENS_GENRES.get(g));
            } else if (!flag.equals("0")) {
                return bad("bad genre flag: flag " + (g + 1) + " is " + animerec.util.Excerpt.quoted(flag) + ", expected 0 or 1");
            }
        }
        return RowFactory.create(id, ItemText.unescape(f.get(1).trim()), genres.toArray(new String[0]), null, null, null,
                null, null);
    }

    private Row parseHeaderLayout(List<String> f) {
        int needed = Math.max(idIdx, nameIdx) + 1;
        if (f.size() < needed) {
            return bad("too few fields: expected at least " + needed + " fields separated by '" + InteractionLineParser.printable(sep)
                    + "', found " + f.size());
        }
        Long id = InteractionLineParser.id(f.get(idIdx));
        if (id == null) {
            return bad(InteractionLineParser.idProblem(f.get(idIdx), "item id"));
        }
        String[] genres = new String[0];
        String rawGenres = field(f, genreIdx);
        if (rawGenres != null && !rawGenres.isBlank()) {
            genres = java.util.Arrays.stream(rawGenres.split("[,|]")).map(String::trim).filter(s -> !s.isEmpty())
                    .toArray(String[]::new);
        }
        Integer episodes = null;
        String rawEpisodes = field(f, episodesIdx);
        if (rawEpisodes != null && !rawEpisodes.isBlank()) {
            Long e = InteractionLineParser.parseLong(rawEpisodes);
            episodes = e == null ? null : e.intValue(); // "Unknown" episodes stay null
        }
        String rawMembers = field(f, membersIdx);
        Long members = rawMembers == null ? null : InteractionLineParser.parseLong(rawMembers);
        return RowFactory.create(id, ItemText.unescape(f.get(nameIdx)), genres, ItemText.unescape(field(f, synopsisIdx)),
                field(f, typeIdx), episodes, members, null);
    }

    private static String field(List<String> f, int idx) {
        return idx >= 0 && idx < f.size() ? f.get(idx) : null;
    }

    private static Row bad(String reason) {
        return RowFactory.create(null, null, null, null, null, null, null, reason);
    }
}
