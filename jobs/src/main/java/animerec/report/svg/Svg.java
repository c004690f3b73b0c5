package animerec.report.svg;

import java.math.BigDecimal;
import java.math.MathContext;

/** An SVG text being written: elements with escaped attributes and text, one per line. */
final class Svg {
    private final StringBuilder out = new StringBuilder();

    /** {@code <tag a="v" ...>}; {@code attributes} are name, value pairs (values escaped here, null ones left out). */
    Svg open(String tag, String... attributes) {
        start(tag, attributes);
        out.append(">\n");
        return this;
    }

    /** {@code <tag a="v" .../>}. */
    Svg empty(String tag, String... attributes) {
        start(tag, attributes);
        out.append("/>\n");
        return this;
    }

    /** {@code <tag a="v" ...>text</tag>}, the text escaped. */
    Svg text(String tag, String text, String... attributes) {
        start(tag, attributes);
        out.append('>').append(escape(text)).append("</").append(tag).append(">\n");
        return this;
    }

    /** Already written SVG text, as is. */
    Svg raw(String svg) {
        out.append(svg);
        return this;
    }

    Svg close(String tag) {
        out.append("</").append(tag).append(">\n");
        return this;
    }

    /** An element with a {@code <title>} child (a hover tooltip in browsers). */
    Svg withTooltip(String tag, String tooltip, String... attributes) {
        open(tag, attributes);
        text("title", tooltip);
        return close(tag);
    }

    private void start(String tag, String[] attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        out.append('<').append(tag);
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /**
     * {@code text} safe inside XML text or a quoted attribute: {@code & < > " '} as entities, and the characters XML
     * 1.0 cannot hold at all (control characters but tab, newline and carriage return; lone surrogates) as U+FFFD.
     */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        b.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c) || c == 0xfffe || c == 0xffff
                            || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
                        b.append('\ufffd');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** A coordinate: rounded to 2 decimals, no trailing zeros, never "-0". A non-finite one is a bug here. */
    static String n(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalStateException("non-finite coordinate " + v);
        }
        double r = Math.round(v * 100) / 100.0 + 0.0;
        if (r == Math.rint(r)) {
            return Long.toString((long) r);
        }
        return BigDecimal.valueOf(r).stripTrailingZeros().toPlainString();
    }

    /**
     * A data value for people (tooltips, value labels): an integer exactly below 10^15, otherwise 4 significant
     * digits, plain between 0.0001 and 10^9 and in E notation beyond.
     */
    static String value(double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "not a number" : v > 0 ? "infinite" : "-infinite";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros();
        double a = Math.abs(v);
        return a >= 1e-4 && a < 1e9 ? d.toPlainString() : d.toString();
    }
}
