package animerec.report.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Named series of points, each series with its marker shape; a point may have a text label drawn beside it and its
 * own tooltip. Points that an axis cannot place (NaN, infinite, {@code <= 0} on a log axis) are left out.
 *
 * <pre>{@code
 * String svg = ScatterChart.builder("Quality vs cost").x("train seconds", Scale.LOG10).y("NDCG@10", Scale.LINEAR)
 *         .series("models", Marker.CIRCLE, List.of(Point.of(12, 0.31, "als"), Point.of(2, 0.18, "popularity")))
 *         .build().svg();
 * }</pre>
 *
 * <p>Marks: one element per drawn point, class {@code mark point <shape>}, with {@code data-series} and a
 * {@code <title>} tooltip inside. A label is placed right of its point, or else left, above or below, whichever first
 * overlaps no label placed before it.
 */
public final class ScatterChart {
    private static final double RADIUS = 4;
    private final String svg;

    private ScatterChart(String svg) {
        this.svg = svg;
    }

    /** A chart titled {@code title} (the svg's {@code <title>} and a visible heading; "" for none visible). */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** The chart as one {@code <svg>} element. */
    public String svg() {
        return svg;
    }

    /**
     * One point: its label drawn beside it (null for none), and its tooltip (null for the default, "label (series):
     * x = .., y = ..").
     */
    public record Point(double x, double y, String label, String tooltip) {
        /** A point without a label. */
        public static Point of(double x, double y) {
            return new Point(x, y, null, null);
        }

        /** A point with a label beside it. */
        public static Point of(double x, double y, String label) {
            return new Point(x, y, label, null);
        }
    }

    private record Series(String name, Marker marker, List<Point> points) {
    }

    /** The chart's settings and series; {@link #build()} draws it. */
    public static final class Builder {
        private final String title;
        private String xLabel = "";
        private String yLabel = "";
        private Scale xScale = Scale.LINEAR;
        private Scale yScale = Scale.LINEAR;
        private int width = 640;
        private int height = 400;
        private Boolean legend;
        private final List<Series> series = new ArrayList<>();

        private Builder(String title) {
            this.title = Objects.requireNonNull(title, "title");
        }

        /** The x axis' label ("" for none) and scale; linear by default. */
        public Builder x(String label, Scale scale) {
            this.xLabel = Objects.requireNonNull(label, "label");
            this.xScale = Objects.requireNonNull(scale, "scale");
            return this;
        }

        /** The y axis' label ("" for none) and scale; linear by default. */
        public Builder y(String label, Scale scale) {
            this.yLabel = Objects.requireNonNull(label, "label");
            this.yScale = Objects.requireNonNull(scale, "scale");
            return this;
        }

        /** A series of points drawn as {@code marker}s (the list is copied). */
        public Builder series(String name, Marker marker, List<Point> points) {
            series.add(new Series(Objects.requireNonNull(name, "name"), Objects.requireNonNull(marker, "marker"),
                    List.copyOf(points)));
            return this;
        }

        /** A series of unlabelled points; {@code xs} and {@code ys} of one length. */
        public Builder series(String name, Marker marker, double[] xs, double[] ys) {
            if (xs.length != ys.length) {
                throw new IllegalArgumentException("series " + name + ": " + xs.length + " x values but "
                        + ys.length + " y values");
            }
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < xs.length; i++) {
                points.add(Point.of(xs[i], ys[i]));
            }
            return series(name, marker, points);
        }

        /** Whether the legend is drawn; by default when there are two series or more. */
        public Builder legend(boolean on) {
            this.legend = on;
            return this;
        }

        /** The viewBox size (the svg itself is as wide as its container); 640 x 400 by default. */
        public Builder size(int width, int height) {
            if (width < 100 || height < 80) {
                throw new IllegalArgumentException("a chart of " + width + " x " + height + " is too small");
            }
            this.width = width;
            this.height = height;
            return this;
        }

        /** Draws the chart. */
        public ScatterChart build() {
            double xMin = Double.POSITIVE_INFINITY;
            double xMax = Double.NEGATIVE_INFINITY;
            double yMin = Double.POSITIVE_INFINITY;
            double yMax = Double.NEGATIVE_INFINITY;
            for (Series s : series) {
                for (Point p : s.points) {
                    if (drawable(p)) {
                        xMin = Math.min(xMin, p.x());
                        xMax = Math.max(xMax, p.x());
                        yMin = Math.min(yMin, p.y());
                        yMax = Math.max(yMax, p.y());
                    }
                }
            }
            if (xMin > xMax) {
                return new ScatterChart(Frame.noData("scatter", title, width, height));
            }
            List<Frame.Key> keys = new ArrayList<>();
            if (legend == null ? series.size() >= 2 : legend) {
                for (int k = 0; k < series.size(); k++) {
                    keys.add(new Frame.Key(series.get(k).name, k % Charts.PALETTE.size(), false,
                            series.get(k).marker));
                }
            }
            Frame f = Frame.numeric("scatter", title, width, height, Axis.fit(xScale, xMin, xMax), xLabel,
                    Axis.fit(yScale, yMin, yMax), yLabel, keys);
            for (int k = 0; k < series.size(); k++) {
                Series s = series.get(k);
                for (Point p : s.points) {
                    if (drawable(p)) {
                        String name = p.label() == null ? s.name : p.label() + " (" + s.name + ")";
                        String tip = p.tooltip() != null ? p.tooltip()
                                : LineChart.tooltip(name, xLabel, p.x(), yLabel, p.y());
                        s.marker.draw(f.svg, f.x(p.x()), f.y(p.y()), RADIUS, k % Charts.PALETTE.size(), s.name, tip);
                    }
                }
            }
            List<double[]> placed = new ArrayList<>();
            for (Series s : series) {
                for (Point p : s.points) {
                    if (drawable(p) && p.label() != null && !p.label().isEmpty()) {
                        label(f, placed, p.label(), f.x(p.x()), f.y(p.y()));
                    }
                }
            }
            return new ScatterChart(f.finish());
        }

        /** Writes a label beside (px, py) where it overlaps no placed label if it can, and adds its box. */
        private void label(Frame f, List<double[]> placed, String text, double px, double py) {
            double w = Frame.textWidth(text, Frame.POINT_FONT);
            double h = Frame.POINT_FONT;
            double gap = RADIUS + 3;
            // candidates: {box left, box top, text x, text y, anchor 0 start / 1 end / 2 middle}
            double[][] candidates = {
                {px + gap, py - h / 2, px + gap, py + h * 0.35, 0},
                {px - gap - w, py - h / 2, px - gap, py + h * 0.35, 1},
                {px - w / 2, py - gap - h, px, py - gap - h * 0.15, 2},
                {px - w / 2, py + gap, px, py + gap + h * 0.85, 2},
            };
            double[] chosen = null;
            for (double[] c : candidates) {
                boolean inside = c[0] >= 0 && c[0] + w <= width && c[1] >= 0 && c[1] + h <= height;
                if (inside && placed.stream().noneMatch(b -> overlaps(b, c[0], c[1], w, h))) {
                    chosen = c;
                    break;
                }
            }
            if (chosen == null) {
                chosen = candidates[0][0] + w <= width ? candidates[0] : candidates[1];
            }
            placed.add(new double[] {chosen[0], chosen[1], w, h});
            String anchor = chosen[4] == 0 ? null : chosen[4] == 1 ? "end" : "middle";
            f.svg.text("text", text, "class", "point-label", "x", Svg.n(chosen[2]), "y", Svg.n(chosen[3]),
                    "text-anchor", anchor);
        }

        private static boolean overlaps(double[] box, double x, double y, double w, double h) {
            return x < box[0] + box[2] && box[0] < x + w && y < box[1] + box[3] && box[1] < y + h;
        }

        private boolean drawable(Point p) {
            return xScale.accepts(p.x()) && yScale.accepts(p.y());
        }
    }
}
