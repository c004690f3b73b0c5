package animerec.util;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Words for messages about a user's input: what a value is not, and the names near a misspelt one. */
public final class Words {
    private Words() {
    }

    /** What is wrong with {@code value} for a field of {@code type}, in words ("is not a whole number"). */
    public static String notA(Class<?> type, String value) {
        Class<?> t = boxed(type);
        BigInteger[] range = t == Integer.class ? range(Integer.MIN_VALUE, Integer.MAX_VALUE)
                : t == Long.class ? range(Long.MIN_VALUE, Long.MAX_VALUE)
                : t == Short.class ? range(Short.MIN_VALUE, Short.MAX_VALUE)
                : t == Byte.class ? range(Byte.MIN_VALUE, Byte.MAX_VALUE) : null;
        if (range != null) {
            String v = value.strip();
            if (v.matches("[-+]?\\d+")) {
                BigInteger n = new BigInteger(v);
                return n.signum() > 0 ? "is too large (at most " + range[1] + ")" : "is too small (at least " + range[0] + ")";
            }
            return "is not a whole number";
        }
        if (t == Double.class || t == Float.class || Number.class.isAssignableFrom(t)) {
            return "is not a number";
        }
        if (t == Boolean.class) {
            return "is not true or false";
        }
        return "is not a valid value";
    }

    private static BigInteger[] range(long min, long max) {
        return new BigInteger[] {BigInteger.valueOf(min), BigInteger.valueOf(max)};
    }

    private static Class<?> boxed(Class<?> t) {
        if (!t.isPrimitive()) {
            return t;
        }
        return switch (t.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "boolean" -> Boolean.class;
            default -> t;
        };
    }

    /**
     * The names near {@code arg}, ignoring case and leading dashes (optimal string alignment distance at most 1 for
     * up to 4 letters, else a quarter of the length and at least 2), the nearest first, at most
     * {@code max}: "trian" suggests train, "--modle" --model. One-letter names are never suggested.
     */
    public static List<String> closest(String arg, Collection<String> names, int max) {
        String a = arg.replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
        int limit = a.length() <= 4 ? 1 : Math.max(2, a.length() / 4);
        List<String> out = new ArrayList<>();
        for (String s : new TreeSet<>(names)) {
            String b = s.replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
            if (b.length() > 1 && distance(a, b) <= limit) {
                out.add(s);
            }
        }
        out.sort(Comparator.comparingInt(s -> distance(a, s.replaceFirst("^-+", "").toLowerCase(Locale.ROOT))));
        return out.subList(0, Math.min(max, out.size()));
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** "a", "a or b", "a, b or c". */
    public static String orList(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
