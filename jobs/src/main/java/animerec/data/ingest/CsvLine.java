package animerec.data.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one delimited line into fields. Fields may be quoted with {@code "} (a doubled quote inside a
 * quoted field is a literal quote), so separators inside quotes don't split. Multi-line fields are not
 * supported: a line with an unterminated quote is an error.
 */
public final class CsvLine {
    private CsvLine() {
    }

    public static List<String> split(String line, char sep) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && cur.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == sep) {
                fields.add(wasQuoted ? cur.toString() : cur.toString().trim());
                cur.setLength(0);
                wasQuoted = false;
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote");
        }
        fields.add(wasQuoted ? cur.toString() : cur.toString().trim());
        return fields;
    }
}
