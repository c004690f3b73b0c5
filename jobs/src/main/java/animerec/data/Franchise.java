package animerec.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A name-prefix franchise key for anime titles, so that a sequel, recap or movie of a series can be told from a
 * new series: the lower-cased title before its first {@code :}, {@code (} or {@code " - "}, without sequel words
 * (season, 2nd, ii, movie, ova, specials, ...), cut to its first two words, or three when the second is a
 * particle (no, ni, wa, to, x, the, of, ...). "Naruto: Shippuuden" and "Naruto" share "naruto";
 * "Shingeki no Kyojin Season 2" and "Shingeki no Kyojin: Kuinaki Sentaku" share "shingeki no kyojin". It is a
 * heuristic: "Bakemonogatari" and "Monogatari Series: Second Season" are missed, and two unrelated titles with the
 * same opening words would be joined.
 */
public final class Franchise {
    private static final Set<String> SEQUEL_WORDS = Set.of("season", "seasons", "2nd", "3rd", "4th", "5th", "6th",
            "final", "movie", "movies", "the", "ova", "ona", "oad", "special", "specials", "tv", "recap", "ii", "iii",
            "iv", "v", "vi", "part", "film", "gekijouban", "shin");
    private static final Set<String> PARTICLES = Set.of("no", "ni", "wa", "to", "ga", "wo", "o", "de", "x", "the",
            "of", "a", "na", "mo", "e", "and");

    private Franchise() {
    }

    /** The franchise key of a title (decoded text, not HTML); "" when nothing is left. */
    public static String key(String name) {
        if (name == null) {
            return "";
        }
        String s = name.toLowerCase(Locale.ROOT);
        int cut = s.length();
        for (String sep : new String[] {":", "(", " - ", "!", "?"}) {
            int i = s.indexOf(sep);
            if (i > 0 && i < cut) {
                cut = i;
            }
        }
        s = s.substring(0, cut);
        List<String> words = new ArrayList<>();
        for (String w : s.split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty() && !w.chars().allMatch(Character::isDigit) && !SEQUEL_WORDS.contains(w)) {
                words.add(w);
            }
        }
        if (words.isEmpty()) {
            return s.trim();
        }
        int keep = words.size() >= 3 && PARTICLES.contains(words.get(1)) ? 3 : Math.min(2, words.size());
        return String.join(" ", words.subList(0, keep));
    }

    /**
     * A title with its {@link #key} and its words worked out once, for comparing one title with many
     * ({@link #related(Title, Title)} then does no parsing).
     */
    public record Title(String key, String words) {
        /** The parsed form of {@code name} (null = a title related to nothing). */
        public static Title of(String name) {
            return new Title(Franchise.key(name), name == null ? null : " " + String.join(" ",
                    name.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) + " ");
        }
    }

    /**
     * Whether two titles look like one franchise, more loosely than equal {@link #key}s: equal keys, or one
     * title's key (at least 4 characters) appearing as whole words in the other title ("Naruto" and "Boruto:
     * Naruto the Movie", "The Last: Naruto the Movie", "Naruto Shippuuden: Sunny Side Battle"). For
     * diversification, where a missed sequel costs more than a spared look-alike.
     */
    public static boolean related(String a, String b) {
        return related(Title.of(a), Title.of(b));
    }

    /** {@link #related(String, String)} on parsed titles. */
    public static boolean related(Title a, Title b) {
        String ka = a.key();
        String kb = b.key();
        if (ka.isEmpty() || kb.isEmpty()) {
            return false;
        }
        return ka.equals(kb) || containsWords(b.words(), ka) || containsWords(a.words(), kb);
    }

    private static boolean containsWords(String words, String key) {
        return words != null && key.length() >= 4 && words.contains(" " + key + " ");
    }
}
