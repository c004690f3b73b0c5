package animerec.report.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts every chart shares: the {@code <svg>} element with its title, the legend, the plot area's margins, grid,
 * axes and tick labels. Text widths are estimated from the character classes at the font sizes of {@link Charts#css()},
 * so that the layout needs no font metrics and stays deterministic.
 */
final class Frame {
    static final double TICK_FONT = 11;
    static final double LABEL_FONT = 12;
    static final double TITLE_FONT = 14;
    static final double POINT_FONT = 10;
    private static final double PAD = 10;
    private static final double TICK = 4;
    private static final double LEGEND_ROW = 18;
    /** The slant of category labels too wide for their band. */
    private static final double SLANT_DEGREES = 35;

    /**
     * A legend entry: a line swatch, a marker, or (neither) a bar's square. {@code dash} (0 solid) tells lines apart
     * once the palette has gone round.
     */
    record Key(String name, int colour, boolean line, Marker marker, int dash) {
        Key(String name, int colour, boolean line, Marker marker) {
            this(name, colour, line, marker, 0);
        }
    }

    final Svg svg = new Svg();
    final double left;
    final double right;
    final double top;
    final double bottom;
    private final Axis xAxis;
    private final Axis yAxis;

    private Frame(double left, double right, double top, double bottom, Axis xAxis, Axis yAxis) {
        this.left = left;
        this.right = right;
        this.top = top;
        this.bottom = bottom;
        this.xAxis = xAxis;
        this.yAxis = yAxis;
    }

    /** The pixel x of a value on the numeric x axis. */
    double x(double v) {
        return xAxis.pixel(v, left, right);
    }

    /** The pixel y of a value on the y axis. */
    double y(double v) {
        return yAxis.pixel(v, bottom, top);
    }

    /** The estimated width of {@code text} at {@code size} px in a sans-serif font. */
    static double textWidth(String text, double size) {
        double em = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("il.,:;|!'`Ij".indexOf(c) >= 0) {
                em += 0.28;
            } else if ("ftr()[] -".indexOf(c) >= 0) {
                em += 0.36;
            } else if ("mwMW@%".indexOf(c) >= 0) {
                em += 0.86;
            } else if (Character.isUpperCase(c)) {
                em += 0.68;
            } else {
                em += 0.56;
            }
        }
        return em * size;
    }

    private static void header(Svg svg, String kind, String title, int width, int height) {
        svg.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "arc arc-" + kind,
                "viewBox", "0 0 " + width + " " + height, "width", "100%", "role", "img");
        svg.text("title", title);
        if (!title.isEmpty()) {
            svg.text("text", title, "class", "chart-title", "x", Svg.n(PAD), "y", Svg.n(PAD + TITLE_FONT));
        }
    }

    /** A whole chart that has nothing to draw: its title and a centred "no data". */
    static String noData(String kind, String title, int width, int height) {
        Svg svg = new Svg();
        header(svg, kind, title, width, height);
        svg.text("text", "no data", "class", "nodata", "x", Svg.n(width / 2.0), "y", Svg.n(height / 2.0),
                "text-anchor", "middle");
        return svg.close("svg").toString();
    }

    /** The frame of a chart with a numeric x axis, its header, legend, grid and axes written; marks go next. */
    static Frame numeric(String kind, String title, int width, int height, Axis x, String xLabel, Axis y,
                         String yLabel, List<Key> keys) {
        double left = leftMargin(y, yLabel);
        double right = width - PAD - Math.max(4, textWidth(x.label(x.size() - 1), TICK_FONT) / 2);
        left = Math.max(left, PAD + textWidth(x.label(0), TICK_FONT) / 2);
        double bottom = height - PAD - (xLabel.isEmpty() ? 0 : LABEL_FONT + 8) - (TICK + TICK_FONT + 4);
        Frame f = layout(kind, title, width, height, left, right, bottom, x, y, keys);
        f.svg.open("g", "class", "grid");
        for (double t : x.ticks()) {
            f.svg.empty("line", "x1", Svg.n(f.x(t)), "y1", Svg.n(f.top), "x2", Svg.n(f.x(t)), "y2", Svg.n(f.bottom));
        }
        f.yGrid();
        f.svg.close("g");
        f.svg.open("g", "class", "axis x-axis");
        f.svg.empty("line", "x1", Svg.n(f.left), "y1", Svg.n(f.bottom), "x2", Svg.n(f.right), "y2", Svg.n(f.bottom));
        double[] ticks = x.ticks();
        double widest = 0;
        for (int i = 0; i < ticks.length; i++) {
            widest = Math.max(widest, textWidth(x.label(i), TICK_FONT));
        }
        double spacing = ticks.length > 1 ? (f.right - f.left) / (ticks.length - 1) : f.right - f.left;
        int every = (int) Math.max(1, Math.ceil((widest + 8) / Math.max(1e-9, spacing)));
        for (int i = 0; i < ticks.length; i++) {
            double px = f.x(ticks[i]);
            f.svg.empty("line", "x1", Svg.n(px), "y1", Svg.n(f.bottom), "x2", Svg.n(px), "y2", Svg.n(f.bottom + TICK));
            if (i % every == 0) {
                f.svg.text("text", x.label(i), "class", "tick-label", "x", Svg.n(px),
                        "y", Svg.n(f.bottom + TICK + TICK_FONT), "text-anchor", "middle");
            }
        }
        f.xAxisLabel(xLabel, width, height);
        f.svg.close("g");
        f.yAxis(yLabel);
        f.svg.open("g", "class", "marks");
        return f;
    }

    /**
     * The frame of a chart with categories on x, one band each (band i spans {@link #band}); labels too wide for
     * their band are slanted.
     */
    static Frame categorical(String kind, String title, int width, int height, List<String> categories,
                             String xLabel, Axis y, String yLabel, List<Key> keys) {
        double left = leftMargin(y, yLabel);
        double right = width - PAD;
        double widest = 0;
        for (String c : categories) {
            widest = Math.max(widest, textWidth(c, TICK_FONT));
        }
        double band = (right - left) / categories.size();
        boolean slant = widest > band - 6;
        double sin = Math.sin(Math.toRadians(SLANT_DEGREES));
        double cos = Math.cos(Math.toRadians(SLANT_DEGREES));
        double labelsHeight = slant ? widest * sin + TICK_FONT * cos : TICK_FONT;
        if (slant) {
            double firstWidth = textWidth(categories.get(0), TICK_FONT) * cos;
            left = Math.max(left, PAD + firstWidth - band / 2);
            band = (right - left) / categories.size();
        }
        double bottom = height - PAD - (xLabel.isEmpty() ? 0 : LABEL_FONT + 8) - (TICK + labelsHeight + 4);
        Frame f = layout(kind, title, width, height, left, right, bottom, null, y, keys);
        f.svg.open("g", "class", "grid");
        f.yGrid();
        f.svg.close("g");
        f.svg.open("g", "class", "axis x-axis");
        f.svg.empty("line", "x1", Svg.n(f.left), "y1", Svg.n(f.bottom), "x2", Svg.n(f.right), "y2", Svg.n(f.bottom));
        for (int i = 0; i < categories.size(); i++) {
            double px = f.left + (i + 0.5) * band;
            f.svg.empty("line", "x1", Svg.n(px), "y1", Svg.n(f.bottom), "x2", Svg.n(px), "y2", Svg.n(f.bottom + TICK));
            double ty = f.bottom + TICK + TICK_FONT;
            if (slant) {
                f.svg.text("text", categories.get(i), "class", "tick-label", "x", Svg.n(px), "y", Svg.n(ty),
                        "text-anchor", "end",
                        "transform", "rotate(-" + Svg.n(SLANT_DEGREES) + " " + Svg.n(px) + " " + Svg.n(ty) + ")");
            } else {
                f.svg.text("text", categories.get(i), "class", "tick-label", "x", Svg.n(px), "y", Svg.n(ty),
                        "text-anchor", "middle");
            }
        }
        f.xAxisLabel(xLabel, width, height);
        f.svg.close("g");
        f.yAxis(yLabel);
        f.svg.open("g", "class", "marks");
        return f;
    }

    /** The ends of band {@code i} of {@code n} across the plot: {left, right}. */
    double[] band(int i, int n) {
        double w = (right - left) / n;
        return new double[] {left + i * w, left + (i + 1) * w};
    }

    /** Closes the marks' group and the svg: the chart's text. */
    String finish() {
        svg.close("g");
        return svg.close("svg").toString();
    }

    private static double leftMargin(Axis y, String yLabel) {
        double widest = 0;
        for (int i = 0; i < y.size(); i++) {
            widest = Math.max(widest, textWidth(y.label(i), TICK_FONT));
        }
        return PAD + (yLabel.isEmpty() ? 0 : LABEL_FONT + 8) + widest + TICK + 4;
    }

    /** Writes the header and the legend, and places the plot's top below them. */
    private static Frame layout(String kind, String title, int width, int height, double left, double right,
                                double bottom, Axis x, Axis y, List<Key> keys) {
        Svg head = new Svg();
        header(head, kind, title, width, height);
        double cursor = PAD + (title.isEmpty() ? 0 : TITLE_FONT + 8);
        if (!keys.isEmpty()) {
            List<List<Key>> rows = new ArrayList<>();
            List<Key> row = new ArrayList<>();
            double used = 0;
            for (Key k : keys) {
                double w = keyWidth(k);
                if (!row.isEmpty() && used + w > right - left) {
                    rows.add(row);
                    row = new ArrayList<>();
                    used = 0;
                }
                row.add(k);
                used += w;
            }
            rows.add(row);
            head.open("g", "class", "legend");
            for (int r = 0; r < rows.size(); r++) {
                double kx = left;
                double cy = cursor + r * LEGEND_ROW + LEGEND_ROW / 2;
                for (Key k : rows.get(r)) {
                    swatch(head, k, kx + 8, cy);
                    head.text("text", k.name(), "x", Svg.n(kx + 20), "y", Svg.n(cy + 4));
                    kx += keyWidth(k);
                }
            }
            head.close("g");
            cursor += rows.size() * LEGEND_ROW + 4;
        }
        double top = cursor + TICK_FONT / 2 + 2;
        Frame f = new Frame(left, right, top, Math.max(top + 20, bottom), x, y);
        f.svg.raw(head.toString());
        return f;
    }

    private static double keyWidth(Key k) {
        return 20 + textWidth(k.name(), LABEL_FONT) + 22;
    }

    private static void swatch(Svg svg, Key k, double cx, double cy) {
        String colour = " s" + k.colour();
        if (k.line()) {
            svg.empty("line", "class", "swatch line" + colour + Charts.dash(k.dash()), "x1", Svg.n(cx - 8), "y1", Svg.n(cy),
                    "x2", Svg.n(cx + 8), "y2", Svg.n(cy));
        }
        if (k.marker() == Marker.CIRCLE) {
            svg.empty("circle", "class", "swatch point circle" + colour, "cx", Svg.n(cx), "cy", Svg.n(cy), "r", "4");
        } else if (k.marker() != null) {
            svg.empty("path", "class", "swatch point " + k.marker().name().toLowerCase(java.util.Locale.ROOT) + colour,
                    "d", k.marker().path(cx, cy, 4));
        } else if (!k.line()) {
            svg.empty("rect", "class", "swatch bar" + colour, "x", Svg.n(cx - 6), "y", Svg.n(cy - 6),
                    "width", "12", "height", "12");
        }
    }

    private void yGrid() {
        for (double t : yAxis.ticks()) {
            svg.empty("line", "x1", Svg.n(left), "y1", Svg.n(y(t)), "x2", Svg.n(right), "y2", Svg.n(y(t)));
        }
    }

    private void yAxis(String yLabel) {
        svg.open("g", "class", "axis y-axis");
        svg.empty("line", "x1", Svg.n(left), "y1", Svg.n(top), "x2", Svg.n(left), "y2", Svg.n(bottom));
        double[] ticks = yAxis.ticks();
        double spacing = ticks.length > 1 ? (bottom - top) / (ticks.length - 1) : bottom - top;
        int every = (int) Math.max(1, Math.ceil((TICK_FONT + 2) / Math.max(1e-9, spacing)));
        for (int i = 0; i < ticks.length; i++) {
            double py = y(ticks[i]);
            svg.empty("line", "x1", Svg.n(left - TICK), "y1", Svg.n(py), "x2", Svg.n(left), "y2", Svg.n(py));
            if (i % every == 0) {
                svg.text("text", yAxis.label(i), "class", "tick-label", "x", Svg.n(left - TICK - 3),
                        "y", Svg.n(py + TICK_FONT * 0.35), "text-anchor", "end");
            }
        }
        if (!yLabel.isEmpty()) {
            double lx = PAD + LABEL_FONT;
            double ly = (top + bottom) / 2;
            svg.text("text", yLabel, "class", "axis-label", "x", Svg.n(lx), "y", Svg.n(ly), "text-anchor", "middle",
                    "transform", "rotate(-90 " + Svg.n(lx) + " " + Svg.n(ly) + ")");
        }
        svg.close("g");
    }

    private void xAxisLabel(String xLabel, int width, int height) {
        if (!xLabel.isEmpty()) {
            svg.text("text", xLabel, "class", "axis-label", "x", Svg.n((left + right) / 2), "y", Svg.n(height - PAD),
                    "text-anchor", "middle");
        }
    }
}
