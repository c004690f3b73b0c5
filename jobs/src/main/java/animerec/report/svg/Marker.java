package animerec.report.svg;

/** The shape of a scatter series' points (e.g. circles for complete trials, crosses for pruned ones). */
public enum Marker {
    CIRCLE, SQUARE, TRIANGLE, DIAMOND, CROSS;

    /** Draws one point of radius about {@code r} at (x, y): class "mark point shape s<colour>", a tooltip inside. */
    void draw(Svg svg, double x, double y, double r, int colour, String series, String tooltip) {
        String cls = "mark point " + name().toLowerCase(java.util.Locale.ROOT) + " s" + colour;
        if (this == CIRCLE) {
            svg.withTooltip("circle", tooltip, "class", cls, "data-series", series,
                    "cx", Svg.n(x), "cy", Svg.n(y), "r", Svg.n(r));
        } else {
            svg.withTooltip("path", tooltip, "class", cls, "data-series", series, "d", path(x, y, r));
        }
    }

    /** The outline of this shape (not a circle) as path data. */
    String path(double x, double y, double r) {
        return switch (this) {
            case SQUARE -> {
                double h = r * 0.9;
                yield "M" + Svg.n(x - h) + " " + Svg.n(y - h) + "H" + Svg.n(x + h) + "V" + Svg.n(y + h)
                        + "H" + Svg.n(x - h) + "Z";
            }
            case TRIANGLE -> "M" + Svg.n(x) + " " + Svg.n(y - r * 1.15) + "L" + Svg.n(x + r) + " "
                    + Svg.n(y + r * 0.85) + "L" + Svg.n(x - r) + " " + Svg.n(y + r * 0.85) + "Z";
            case DIAMOND -> "M" + Svg.n(x) + " " + Svg.n(y - r * 1.2) + "L" + Svg.n(x + r) + " " + Svg.n(y)
                    + "L" + Svg.n(x) + " " + Svg.n(y + r * 1.2) + "L" + Svg.n(x - r) + " " + Svg.n(y) + "Z";
            case CROSS -> {
                double h = r * 0.85;
                yield "M" + Svg.n(x - h) + " " + Svg.n(y - h) + "L" + Svg.n(x + h) + " " + Svg.n(y + h)
                        + "M" + Svg.n(x - h) + " " + Svg.n(y + h) + "L" + Svg.n(x + h) + " " + Svg.n(y - h);
            }
            case CIRCLE -> throw new IllegalStateException("a circle is drawn as <circle>");
        };
    }
}
