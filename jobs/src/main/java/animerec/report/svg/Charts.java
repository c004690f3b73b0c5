package animerec.report.svg;

import java.util.List;

/** What the page needs once for all charts: their CSS, and the palette it uses. */
public final class Charts {
    /**
     * The series colours, in order: the Okabe–Ito palette (distinguishable with the common colour-vision
     * deficiencies), yellow last since it is faint on white. Series i gets the class {@code s<i mod 8>}.
     */
    public static final List<String> PALETTE = List.of(
            "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442");

    private Charts() {
    }

    /**
     * The style sheet for every chart of this package, to put once in the page's {@code <style>}. All rules are under
     * the class {@code arc} of the charts' {@code <svg>}; colours are custom properties ({@code --arc-fg},
     * {@code --arc-muted}, {@code --arc-grid}, {@code --arc-axis}, {@code --arc-bg}, {@code --arc-s0} to
     * {@code --arc-s7}) that a page can override, e.g. for a dark theme. The charts lay out their text for the font
     * sizes given here.
     */
    public static String css() {
        StringBuilder b = new StringBuilder();
        b.append(".arc{display:block;height:auto;max-width:100%;")
                .append("font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,Helvetica,Arial,sans-serif;")
                .append("--arc-fg:#222;--arc-muted:#555;--arc-grid:#e8e8e8;--arc-axis:#777;--arc-bg:#fff;");
        for (int i = 0; i < PALETTE.size(); i++) {
            b.append("--arc-s").append(i).append(':').append(PALETTE.get(i)).append(';');
        }
        b.append("}\n");
        for (int i = 0; i < PALETTE.size(); i++) {
            b.append(".arc .s").append(i).append("{--c:var(--arc-s").append(i).append(")}\n");
        }
        b.append("""
                .arc text{fill:var(--arc-fg);font-size:11px}
                .arc .chart-title{font-size:14px;font-weight:600}
                .arc .axis-label,.arc .legend text{font-size:12px}
                .arc .tick-label{fill:var(--arc-muted)}
                .arc .grid line{stroke:var(--arc-grid);stroke-width:1}
                .arc .axis line{stroke:var(--arc-axis);stroke-width:1}
                .arc .line{fill:none;stroke:var(--c);stroke-width:2;stroke-linejoin:round;stroke-linecap:round}
                .arc .point{fill:var(--c);fill-opacity:.85;stroke:var(--arc-bg);stroke-width:.75}
                .arc .point.cross{fill:none;stroke:var(--c);stroke-width:2;stroke-linecap:round}
                .arc .point:hover{stroke:var(--arc-fg);stroke-width:1.5}
                .arc .bar{fill:var(--c)}
                .arc .bar:hover{fill-opacity:.75}
                .arc .point-label,.arc .value-label{font-size:10px;fill:var(--arc-muted)}
                .arc .nodata{font-size:14px;fill:var(--arc-muted)}
                .arc .line.d1{stroke-dasharray:7 4}
                .arc .line.d2{stroke-dasharray:2 3}
                .arc .line.d3{stroke-dasharray:9 3 2 3}
                """);
        return b.toString();
    }

    /** The class of a line's dash pattern: "" for the first round of the palette, then " d1", " d2", " d3". */
    static String dash(int round) {
        return round <= 0 ? "" : " d" + Math.min(round, 3);
    }

    /**
     * {@code text} escaped for HTML or XML text and quoted attributes (the charts' own rule: the five entities, and
     * characters XML cannot hold as U+FFFD), for a page that puts its own text beside the charts.
     */
    public static String escape(String text) {
        return Svg.escape(text);
    }
}
