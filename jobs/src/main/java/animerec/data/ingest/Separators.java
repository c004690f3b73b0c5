package animerec.data.ingest;

import animerec.util.UserError;

/** A field separator as the command line names it. */
public final class Separators {
    private Separators() {
    }

    /** One character, or \t (also a tab or "tab") for a tab. */
    public static char parse(String s) {
        if (s.equals("\\t") || s.equals("\t") || s.equalsIgnoreCase("tab")) {
            return '\t';
        }
        if (s.length() != 1) {
            throw new UserError("--sep must be one character (or \\t), got '" + s + "'");
        }
        return s.charAt(0);
    }
}
