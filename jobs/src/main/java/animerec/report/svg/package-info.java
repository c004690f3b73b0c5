/**
 * Small SVG charts for the self-contained HTML report: {@link animerec.report.svg.LineChart},
 * {@link animerec.report.svg.ScatterChart} and {@link animerec.report.svg.BarChart}. Each chart's {@code svg()} is one
 * {@code <svg>} element (well-formed XML, {@code width="100%"} and a {@code viewBox}, so it scales with the page),
 * styled by CSS classes: the page inlines {@link animerec.report.svg.Charts#css()} once. The output depends only on
 * the input (numbers in {@link java.util.Locale#ROOT}), so the same data gives the same bytes.
 *
 * <p>Every data mark (a line's path, a point, a bar) has the class {@code mark} and a {@code data-series} attribute
 * with its series' name. Values that cannot be drawn (NaN, infinite, {@code <= 0} on a log axis) are skipped; a chart
 * with nothing to draw shows "no data". This package uses nothing else of the project.
 */
package animerec.report.svg;
