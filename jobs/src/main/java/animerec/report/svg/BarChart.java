package animerec.report.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Grouped bars: categories along x (in the order given), one bar per series in each, on a linear value axis that
 * includes 0. With one series it is a plain histogram. A value that is NaN or infinite draws no bar.
 *
 * <pre>{@code
 * String svg = BarChart.builder("Recall@10 by activity").x("interactions", List.of("1-3", "4-10", "11+"))
 *         .y("recall@10").series("als", new double[] {0.05, 0.12, 0.2}).valueLabels(true).build().svg();
 * }</pre>
 *
 * <p>Marks: one {@code <rect class="mark bar ...">} per drawn bar, with {@code data-series} and a tooltip.
 */
public final class BarChart {
    private final String svg;

    private BarChart(String svg) {
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

    private record Series(String name, double[] values) {
    }

    /** The chart's settings and series; {@link #build()} draws it. */
    public static final class Builder {
        private final String title;
        private String xLabel = "";
        private String yLabel = "";
        private List<String> categories = List.of();
        private int width = 640;
        private int height = 400;
        private boolean valueLabels;
        private Boolean legend;
        private final List<Series> series = new ArrayList<>();

        private Builder(String title) {
            this.title = Objects.requireNonNull(title, "title");
        }

        /** The x axis' label ("" for none) and its categories, in order; set before the series. */
        public Builder x(String label, List<String> categories) {
            this.xLabel = Objects.requireNonNull(label, "label");
            this.categories = List.copyOf(categories);
            return this;
        }

        /** The value axis' label ("" for none). */
        public Builder y(String label) {
            this.yLabel = Objects.requireNonNull(label, "label");
            return this;
        }

        /** A series: one value per category, in the categories' order (copied). */
        public Builder series(String name, double[] values) {
            Objects.requireNonNull(name, "name");
            if (values.length != categories.size()) {
                throw new IllegalArgumentException("series " + name + ": " + values.length + " values for "
                        + categories.size() + " categories");
            }
            series.add(new Series(name, values.clone()));
            return this;
        }

        /** Whether each bar has its value written above it (below, for a negative one); off by default. */
        public Builder valueLabels(boolean on) {
            this.valueLabels = on;
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
        public BarChart build() {
            double min = 0;
            double max = 0;
            boolean any = false;
            for (Series s : series) {
                for (double v : s.values) {
                    if (Double.isFinite(v)) {
                        any = true;
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
            if (!any) {
                return new BarChart(Frame.noData("bar", title, width, height));
            }
            if (min == max) {
                max = 1;
            }
            List<Frame.Key> keys = new ArrayList<>();
            if (legend == null ? series.size() >= 2 : legend) {
                for (int k = 0; k < series.size(); k++) {
                    keys.add(new Frame.Key(series.get(k).name, k % Charts.PALETTE.size(), false, null));
                }
            }
            Axis y = Axis.fit(Scale.LINEAR, min, max);
            Frame f = Frame.categorical("bar", title, width, height, categories, xLabel, y, yLabel, keys);
            int n = categories.size();
            int m = series.size();
            double zero = f.y(0);
            for (int c = 0; c < n; c++) {
                double[] band = f.band(c, n);
                double inner = (band[1] - band[0]) * 0.8;
                double barWidth = inner / m;
                double start = band[0] + (band[1] - band[0]) * 0.1;
                for (int k = 0; k < m; k++) {
                    Series s = series.get(k);
                    double v = s.values[c];
                    if (!Double.isFinite(v)) {
                        continue;
                    }
                    double py = f.y(v);
                    double bx = start + k * barWidth;
                    String tip = (m > 1 ? s.name + ", " : "") + categories.get(c) + ": " + Svg.value(v);
                    f.svg.withTooltip("rect", tip, "class", "mark bar s" + (k % Charts.PALETTE.size()),
                            "data-series", s.name, "x", Svg.n(bx + barWidth * 0.05), "y", Svg.n(Math.min(py, zero)),
                            "width", Svg.n(barWidth * 0.9), "height", Svg.n(Math.abs(zero - py)));
                    if (valueLabels) {
                        double ty = v >= 0 ? py - 3 : py + Frame.POINT_FONT + 1;
                        f.svg.text("text", Svg.value(v), "class", "value-label", "x", Svg.n(bx + barWidth / 2),
                                "y", Svg.n(ty), "text-anchor", "middle");
                    }
                }
            }
            return new BarChart(f.finish());
        }
    }
}
