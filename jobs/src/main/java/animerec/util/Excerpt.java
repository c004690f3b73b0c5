package animerec.util;

/**
 * A short, printable excerpt of text read from a user's file, for an error message: printable ASCII is kept, a
 * backslash or quote is escaped, and every other character (control characters, bytes above 0x7e read as ISO-8859-1,
 * or any non-ASCII character) is shown as {@code \xNN} ({@code \\uNNNN} above 0xff). Cut at {@link #MAX} characters
 * with "..." so that a binary file or a huge line never floods the terminal.
 */
public final class Excerpt {
    /** Printed characters at most, before the "...". */
    public static final int MAX = 40;

    private Excerpt() {
    }

    /** {@code text} escaped and cut, without quotes around it. */
    public static String of(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String piece;
            if (c == '\\' || c == '\'') {
                piece = "\\" + c;
            } else if (c >= 0x20 && c < 0x7f) {
                piece = String.valueOf(c);
            } else if (c <= 0xff) {
                piece = String.format("\\x%02X", (int) c);
            } else {
                piece = String.format("\\u%04X", (int) c);
            }
            if (out.length() + piece.length() > MAX) {
                return out.append("...").toString();
            }
            out.append(piece);
        }
        return out.toString();
    }

    /** {@code text} escaped and cut, between single quotes. */
    public static String quoted(String text) {
        return "'" + of(text) + "'";
    }
}
