package animerec.report;

import animerec.report.svg.BarChart;
import animerec.report.svg.Charts;
import animerec.report.svg.LineChart;
import animerec.report.svg.Marker;
import animerec.report.svg.Scale;
import animerec.report.svg.ScatterChart;
import java.util.ArrayList;
import java.util.List;

/** The report's plots, drawn with {@link animerec.report.svg}: the few shapes the page needs. */
final class Plots {
    private Plots() {
    }

    /** Named points; {@code labels} (may be null) are drawn beside the points; {@code marker} "cross" or null (circle). */
    record Series(String name, double[] x, double[] y, String[] labels, String marker) {
        Series(String name, double[] x, double[] y, String[] labels) {
            this(name, x, y, labels, null);
        }
    }

    /** One value per category. */
    record BarSeries(String name, double[] values) {
    }

    static String css() {
        return Charts.css();
    }

    static String line(String title, String xLabel, boolean logX, String yLabel, boolean logY, List<Series> series,
                       boolean step) {
        LineChart.Builder b = LineChart.builder(title).x(xLabel, scale(logX)).y(yLabel, scale(logY)).size(720, 400);
        // a short series gets a marker on each point, so that one or two points still show
        b.markers(series.stream().mapToInt(s -> s.x().length).max().orElse(0) <= 20);
        for (Series s : series) {
            if (step) {
                b.stepSeries(s.name(), s.x(), s.y());
            } else {
                b.series(s.name(), s.x(), s.y());
            }
        }
        return b.build().svg();
    }

    static String scatter(String title, String xLabel, boolean logX, String yLabel, boolean logY, List<Series> series) {
        ScatterChart.Builder b = ScatterChart.builder(title).x(xLabel, scale(logX)).y(yLabel, scale(logY)).size(720, 420);
        for (Series s : series) {
            List<ScatterChart.Point> points = new ArrayList<>();
            for (int i = 0; i < s.x().length; i++) {
                String label = s.labels() == null ? null : s.labels()[i];
                points.add(label == null ? ScatterChart.Point.of(s.x()[i], s.y()[i]) : ScatterChart.Point.of(s.x()[i], s.y()[i], label));
            }
            b.series(s.name(), "cross".equals(s.marker()) ? Marker.CROSS : Marker.CIRCLE, points);
        }
        return b.build().svg();
    }

    static String bars(String title, String yLabel, List<String> categories, List<BarSeries> series) {
        BarChart.Builder b = BarChart.builder(title).x("", categories).y(yLabel).size(720, 400);
        for (BarSeries s : series) {
            b.series(s.name(), s.values());
        }
        return b.build().svg();
    }

    private static Scale scale(boolean log) {
        return log ? Scale.LOG10 : Scale.LINEAR;
    }
}
