package animerec.report.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Named series of (x, y) points joined by lines, in the order given; a step series (e.g. a best-value-so-far curve)
 * goes horizontally to each next x, then vertically to its y. Points that an axis cannot place (NaN, infinite,
 * {@code <= 0} on a log axis) are left out and the line joins their neighbours.
 *
 * <pre>{@code
 * String svg = LineChart.builder("NDCG@K").x("K", Scale.LINEAR).y("NDCG", Scale.LINEAR)
 *         .series("als", ks, ndcgAls).series("popularity", ks, ndcgPop).build().svg();
 * }</pre>
 *
 * <p>Marks: one {@code <path class="mark line ...">} per series with at least one point, and with
 * {@link Builder#markers(boolean) markers} one {@code <circle class="mark point ...">} per point, each with
 * {@code data-series}.
 */
public final class LineChart {
    private final String svg;

    private LineChart(String svg) {
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

    private record Series(String name, double[] xs, double[] ys, boolean step) {
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
        private boolean markers;
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

        /** A series joined by straight lines; {@code xs} and {@code ys} of one length (copied). */
        public Builder series(String name, double[] xs, double[] ys) {
            return add(name, xs, ys, false);
        }

        /** A series drawn as steps: from each point horizontally to the next x, then vertically to its y. */
        public Builder stepSeries(String name, double[] xs, double[] ys) {
            return add(name, xs, ys, true);
        }

        private Builder add(String name, double[] xs, double[] ys, boolean step) {
            Objects.requireNonNull(name, "name");
            if (xs.length != ys.length) {
                throw new IllegalArgumentException("series " + name + ": " + xs.length + " x values but "
                        + ys.length + " y values");
            }
            series.add(new Series(name, xs.clone(), ys.clone(), step));
            return this;
        }

        /** Whether each point also gets a dot with a tooltip; off by default. */
        public Builder markers(boolean on) {
            this.markers = on;
            return this;
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
        public LineChart build() {
            double xMin = Double.POSITIVE_INFINITY;
            double xMax = Double.NEGATIVE_INFINITY;
            double yMin = Double.POSITIVE_INFINITY;
            double yMax = Double.NEGATIVE_INFINITY;
            for (Series s : series) {
                for (int i = 0; i < s.xs.length; i++) {
                    if (drawable(s, i)) {
                        xMin = Math.min(xMin, s.xs[i]);
                        xMax = Math.max(xMax, s.xs[i]);
                        yMin = Math.min(yMin, s.ys[i]);
                        yMax = Math.max(yMax, s.ys[i]);
                    }
                }
            }
            if (xMin > xMax) {
                return new LineChart(Frame.noData("line", title, width, height));
            }
            List<Frame.Key> keys = new ArrayList<>();
            if (legend == null ? series.size() >= 2 : legend) {
                for (int k = 0; k < series.size(); k++) {
                    keys.add(new Frame.Key(series.get(k).name, k % Charts.PALETTE.size(), true,
                            markers ? Marker.CIRCLE : null, k / Charts.PALETTE.size()));
                }
            }
            Frame f = Frame.numeric("line", title, width, height, Axis.fit(xScale, xMin, xMax), xLabel,
                    Axis.fit(yScale, yMin, yMax), yLabel, keys);
            for (int k = 0; k < series.size(); k++) {
                Series s = series.get(k);
                int colour = k % Charts.PALETTE.size();
                StringBuilder d = new StringBuilder();
                int drawn = 0;
                for (int i = 0; i < s.xs.length; i++) {
                    if (!drawable(s, i)) {
                        continue;
                    }
                    String px = Svg.n(f.x(s.xs[i]));
                    String py = Svg.n(f.y(s.ys[i]));
                    if (drawn == 0) {
                        d.append('M').append(px).append(' ').append(py);
                    } else if (s.step) {
                        d.append(" H").append(px).append(" V").append(py);
                    } else {
                        d.append(" L").append(px).append(' ').append(py);
                    }
                    drawn++;
                }
                if (drawn == 0) {
                    continue;
                }
                if (drawn == 1) {
                    d.append(" l0 0");
                }
                f.svg.withTooltip("path", s.name, "class", "mark line s" + colour + Charts.dash(k / Charts.PALETTE.size()),
                        "data-series", s.name,
                        "d", d.toString());
            }
            if (markers) {
                for (int k = 0; k < series.size(); k++) {
                    Series s = series.get(k);
                    for (int i = 0; i < s.xs.length; i++) {
                        if (drawable(s, i)) {
                            Marker.CIRCLE.draw(f.svg, f.x(s.xs[i]), f.y(s.ys[i]), 3.5, k % Charts.PALETTE.size(),
                                    s.name, tooltip(s.name, xLabel, s.xs[i], yLabel, s.ys[i]));
                        }
                    }
                }
            }
            return new LineChart(f.finish());
        }

        private boolean drawable(Series s, int i) {
            return xScale.accepts(s.xs[i]) && yScale.accepts(s.ys[i]);
        }
    }

    /** "name: x-label = x, y-label = y", "x" and "y" standing in for empty labels. */
    static String tooltip(String name, String xLabel, double x, String yLabel, double y) {
        return name + ": " + (xLabel.isEmpty() ? "x" : xLabel) + " = " + Svg.value(x) + ", "
                + (yLabel.isEmpty() ? "y" : yLabel) + " = " + Svg.value(y);
    }
}
