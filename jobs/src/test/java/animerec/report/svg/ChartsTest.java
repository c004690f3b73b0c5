package animerec.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.report.svg.ScatterChart.Point;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Issue 21: every chart is well-formed XML with the expected marks (class "mark", data-series); undrawable values are
 * skipped, names round-trip through the escaping, empty data says "no data", degenerate data makes no NaN, step
 * series go horizontally then vertically, and the output is the same for the same input.
 */
class ChartsTest {
    private static final double NAN = Double.NaN;

    static Element parse(String svg) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            Document d = f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
            return d.getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + svg, e);
        }
    }

    /** The elements named {@code tag} ("*" for all) whose class has every one of {@code classes}. */
    static List<Element> find(Element root, String tag, String... classes) {
        List<Element> out = new ArrayList<>();
        NodeList all = root.getElementsByTagName(tag);
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            List<String> has = Arrays.asList(e.getAttribute("class").split(" "));
            if (has.containsAll(List.of(classes))) {
                out.add(e);
            }
        }
        return out;
    }

    static List<Element> marks(Element root, String tag, String series) {
        return find(root, tag, "mark").stream().filter(e -> e.getAttribute("data-series").equals(series)).toList();
    }

    private static void assertSvgRoot(Element root, String title) {
        assertEquals("svg", root.getTagName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        assertEquals("100%", root.getAttribute("width"));
        assertEquals("img", root.getAttribute("role"));
        assertTrue(root.getAttribute("viewBox").matches("0 0 \\d+ \\d+"), root.getAttribute("viewBox"));
        Element first = (Element) root.getElementsByTagName("*").item(0);
        assertEquals("title", first.getTagName());
        assertEquals(title, first.getTextContent());
    }

    private static void assertFinite(String svg) {
        assertFalse(svg.contains("NaN"), svg);
        assertFalse(svg.contains("Infinity"), svg);
    }

    @Test
    void lineChartDrawsOnePathPerSeriesAndOptionalDots() {
        String svg = LineChart.builder("NDCG@K").x("K", Scale.LINEAR).y("NDCG", Scale.LINEAR).markers(true)
                .series("als", new double[] {5, 10, 20}, new double[] {0.1, 0.2, 0.3})
                .series("pop", new double[] {5, 10, 20}, new double[] {0.05, 0.07, 0.09}).build().svg();
        Element root = parse(svg);
        assertSvgRoot(root, "NDCG@K");
        assertEquals(1, marks(root, "path", "als").size());
        assertEquals(1, marks(root, "path", "pop").size());
        assertEquals(3, marks(root, "circle", "als").size());
        assertEquals(3, marks(root, "circle", "pop").size());
        assertEquals(8, find(root, "*", "mark").size());
        assertEquals(2, find(root, "g", "legend").get(0).getElementsByTagName("text").getLength());
        assertEquals("als: K = 10, NDCG = 0.2",
                marks(root, "circle", "als").get(1).getElementsByTagName("title").item(0).getTextContent());
        assertTrue(svg.contains("class=\"arc arc-line\""));
    }

    @Test
    void lineChartSkipsNanInfiniteAndLogNonPositive() {
        String svg = LineChart.builder("skips").x("x", Scale.LOG10).y("y", Scale.LINEAR).markers(true)
                .series("a", new double[] {0, -1, 1, 10, 100, 1000}, new double[] {1, 2, 3, NAN, 5, 6})
                .series("b", new double[] {1, 2, Double.POSITIVE_INFINITY}, new double[] {1, 2, 3})
                .series("none", new double[] {-5}, new double[] {1}).build().svg();
        Element root = parse(svg);
        assertEquals(3, marks(root, "circle", "a").size());
        assertEquals(2, marks(root, "circle", "b").size());
        assertEquals(0, marks(root, "circle", "none").size());
        assertEquals(0, marks(root, "path", "none").size());
        String d = marks(root, "path", "a").get(0).getAttribute("d");
        assertTrue(d.matches("M\\S+ \\S+ L\\S+ \\S+ L\\S+ \\S+"), d);
        assertFinite(svg);
    }

    @Test
    void stepSeriesGoesHorizontallyThenVertically() {
        double[] xs = {1, 2, 3};
        double[] ys = {0.1, 0.3, 0.2};
        Element straight = parse(LineChart.builder("t").series("s", xs, ys).build().svg());
        Element steps = parse(LineChart.builder("t").stepSeries("s", xs, ys).build().svg());
        Matcher l = Pattern.compile("M(\\S+) (\\S+) L(\\S+) (\\S+) L(\\S+) (\\S+)")
                .matcher(marks(straight, "path", "s").get(0).getAttribute("d"));
        assertTrue(l.matches(), l.toString());
        String d = marks(steps, "path", "s").get(0).getAttribute("d");
        // the same corners as the straight line: (x0,y0) -> (x1,y0) -> (x1,y1) -> (x2,y1) -> (x2,y2)
        assertEquals("M" + l.group(1) + " " + l.group(2) + " H" + l.group(3) + " V" + l.group(4)
                + " H" + l.group(5) + " V" + l.group(6), d);
        double x0 = Double.parseDouble(l.group(1));
        double x1 = Double.parseDouble(l.group(3));
        double x2 = Double.parseDouble(l.group(5));
        assertTrue(x0 < x1 && x1 < x2);
        assertEquals(x1 - x0, x2 - x1, 0.011);
        double y0 = Double.parseDouble(l.group(2));
        double y1 = Double.parseDouble(l.group(4));
        double y2 = Double.parseDouble(l.group(6));
        assertTrue(y1 < y2 && y2 < y0, "0.3 is drawn highest, 0.1 lowest");
    }

    @Test
    void scatterMarkersLabelsAndTooltips() {
        String svg = ScatterChart.builder("quality vs cost").x("seconds", Scale.LOG10).y("NDCG@10", Scale.LINEAR)
                .series("complete", Marker.CIRCLE, List.of(Point.of(12, 0.31, "als"), Point.of(2, 0.18, "popularity"),
                        Point.of(NAN, 0.2, "lost"), new Point(40, 0.29, null, "bpr, 40 s")))
                .series("pruned", Marker.CROSS, new double[] {20, 25, 0}, new double[] {0.12, 0.15, 0.1})
                .build().svg();
        Element root = parse(svg);
        assertSvgRoot(root, "quality vs cost");
        assertEquals(3, marks(root, "circle", "complete").size());
        assertEquals(2, marks(root, "path", "pruned").size());
        assertEquals(2, find(root, "path", "mark", "point", "cross").size());
        assertEquals(5, find(root, "*", "mark").size());
        List<String> labels = find(root, "text", "point-label").stream().map(Element::getTextContent).toList();
        assertEquals(List.of("als", "popularity"), labels);
        List<String> tips = marks(root, "circle", "complete").stream()
                .map(e -> e.getElementsByTagName("title").item(0).getTextContent()).toList();
        assertEquals(List.of("als (complete): seconds = 12, NDCG@10 = 0.31",
                "popularity (complete): seconds = 2, NDCG@10 = 0.18", "bpr, 40 s"), tips);
    }

    @Test
    void logLogScatterSkipsZeroCounts() {
        double[] degree = {1, 2, 3, 4, 1000};
        double[] users = {5000, 1200, 0, 300, 1};
        Element root = parse(ScatterChart.builder("degrees").x("interactions", Scale.LOG10)
                .y("users", Scale.LOG10).series("users", Marker.CIRCLE, degree, users).build().svg());
        assertEquals(4, marks(root, "circle", "users").size());
        List<String> yTicks = find(find(root, "g", "y-axis").get(0), "text", "tick-label").stream()
                .map(Element::getTextContent).toList();
        assertEquals(List.of("1", "10", "100", "1000", "10k"), yTicks);
    }

    @Test
    void barChartOneRectPerFiniteValue() {
        List<String> deciles = List.of("decile 1", "decile 2", "decile 3");
        String svg = BarChart.builder("recall by decile").x("decile", deciles).y("recall@10").valueLabels(true)
                .series("als", new double[] {0.1, 0.2, NAN}).series("pop", new double[] {0.05, 0, 0.3}).build().svg();
        Element root = parse(svg);
        assertSvgRoot(root, "recall by decile");
        assertEquals(2, marks(root, "rect", "als").size());
        assertEquals(3, marks(root, "rect", "pop").size());
        assertEquals(5, find(root, "text", "value-label").size());
        assertEquals(List.of("decile 1", "decile 2", "decile 3"),
                find(find(root, "g", "x-axis").get(0), "text", "tick-label").stream()
                        .map(Element::getTextContent).toList());
        Element zero = marks(root, "rect", "pop").get(1);
        assertEquals("0", zero.getAttribute("height"));
        // the value axis starts at 0: a bar's bottom is the axis' line
        Element axisLine = (Element) find(root, "g", "x-axis").get(0).getElementsByTagName("line").item(0);
        Element bar = marks(root, "rect", "als").get(0);
        assertEquals(Double.parseDouble(axisLine.getAttribute("y1")),
                Double.parseDouble(bar.getAttribute("y")) + Double.parseDouble(bar.getAttribute("height")), 0.011);
    }

    @Test
    void histogramHasNoLegendBySeries() {
        Element root = parse(BarChart.builder("users by activity").x("interactions", List.of("1-3", "4-10", "11+"))
                .y("users").series("users", new double[] {12000, 30500, 8000}).build().svg());
        assertEquals(3, marks(root, "rect", "users").size());
        assertEquals(0, find(root, "g", "legend").size());
    }

    @Test
    void namesAreEscapedAndParseBackUnchanged() {
        String name = "a<b & \"c\" 'd'>";
        String line = LineChart.builder(name).x(name, Scale.LINEAR).y(name, Scale.LINEAR)
                .series(name, new double[] {1, 2}, new double[] {1, 2}).series("x", new double[] {1}, new double[] {1})
                .build().svg();
        String scatter = ScatterChart.builder(name).x(name, Scale.LOG10).series(name, Marker.SQUARE, List.of(Point.of(1, 1, name)))
                .build().svg();
        String bar = BarChart.builder(name).x(name, List.of(name)).y(name).series(name, new double[] {1})
                .legend(true).build().svg();
        for (String svg : List.of(line, scatter, bar)) {
            Element root = parse(svg);
            assertSvgRoot(root, name);
            assertEquals(1, find(root, "*", "mark").stream().filter(e -> e.getAttribute("data-series").equals(name))
                    .count(), svg);
            List<String> texts = find(root, "text").stream().map(Element::getTextContent).toList();
            assertTrue(texts.stream().filter(name::equals).count() >= 3, texts.toString());
        }
        String control = "bell\u0007";
        Element root = parse(LineChart.builder(control).series(control, new double[] {1}, new double[] {1})
                .build().svg());
        assertEquals("bell\ufffd", marks(root, "path", "bell\ufffd").get(0).getAttribute("data-series"));
    }

    @Test
    void emptyChartsSayNoData() {
        List<String> empties = List.of(
                LineChart.builder("empty line").build().svg(),
                LineChart.builder("only undrawable").series("a", new double[] {NAN, 1}, new double[] {1, NAN}).build().svg(),
                LineChart.builder("log of zero").y("", Scale.LOG10).series("a", new double[] {1}, new double[] {0})
                        .build().svg(),
                ScatterChart.builder("empty scatter").series("a", Marker.CIRCLE, List.of()).build().svg(),
                BarChart.builder("no categories").build().svg(),
                BarChart.builder("all undrawable").x("", List.of("a", "b")).series("s", new double[] {NAN, NAN}).build().svg());
        for (String svg : empties) {
            Element root = parse(svg);
            List<Element> nodata = find(root, "text", "nodata");
            assertEquals(1, nodata.size(), svg);
            assertEquals("no data", nodata.get(0).getTextContent());
            assertEquals(0, find(root, "*", "mark").size());
            assertFinite(svg);
        }
    }

    @Test
    void onePointAndConstantValuesDrawWithoutNan() {
        List<String> svgs = List.of(
                LineChart.builder("one point").markers(true).series("a", new double[] {3}, new double[] {0.5})
                        .build().svg(),
                LineChart.builder("constant").series("a", new double[] {1, 2, 3}, new double[] {0.5, 0.5, 0.5})
                        .build().svg(),
                LineChart.builder("zeros").series("a", new double[] {0, 0}, new double[] {0, 0}).build().svg(),
                LineChart.builder("log one point").x("", Scale.LOG10).y("", Scale.LOG10)
                        .series("a", new double[] {100}, new double[] {7}).build().svg(),
                ScatterChart.builder("one point").series("a", Marker.TRIANGLE, List.of(Point.of(2, 2, "p")))
                        .build().svg(),
                BarChart.builder("all zero").x("", List.of("a", "b")).series("s", new double[] {0, 0}).build().svg(),
                BarChart.builder("constant").x("", List.of("a", "b")).series("s", new double[] {4, 4}).build().svg());
        for (String svg : svgs) {
            Element root = parse(svg);
            assertFinite(svg);
            assertFalse(find(root, "*", "mark").isEmpty(), svg);
            assertTrue(find(root, "text", "nodata").isEmpty());
        }
        Element one = parse(svgs.get(0));
        assertTrue(marks(one, "path", "a").get(0).getAttribute("d").matches("M\\S+ \\S+ l0 0"));
        assertEquals(1, marks(one, "circle", "a").size());
    }

    @Test
    void theSameInputGivesTheSameBytes() {
        for (int run = 0; run < 2; run++) {
            assertEquals(sampleLine(), sampleLine());
            assertEquals(sampleScatter(), sampleScatter());
            assertEquals(sampleBar(), sampleBar());
        }
        assertTrue(Charts.css().contains(".arc .s0{--c:var(--arc-s0)}"));
    }

    @Test
    void mismatchedLengthsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> LineChart.builder("t").series("a", new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> ScatterChart.builder("t").series("a", Marker.CIRCLE, new double[] {1}, new double[] {}));
        assertThrows(IllegalArgumentException.class,
                () -> BarChart.builder("t").x("", List.of("a")).series("a", new double[] {1, 2}));
    }

    @Test
    void wideCategoryLabelsAreSlanted() {
        List<String> cats = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            cats.add("category number " + i);
        }
        double[] v = new double[12];
        Arrays.fill(v, 1);
        Element root = parse(BarChart.builder("wide").x("", cats).series("s", v).build().svg());
        List<Element> labels = find(find(root, "g", "x-axis").get(0), "text", "tick-label");
        assertEquals(12, labels.size());
        assertTrue(labels.stream().allMatch(e -> e.getAttribute("transform").startsWith("rotate(-35 ")));
        Element narrow = parse(BarChart.builder("narrow").x("", List.of("a", "b")).series("s", new double[] {1, 2})
                .build().svg());
        assertTrue(find(narrow, "text", "tick-label").stream().allMatch(e -> e.getAttribute("transform").isEmpty()));
    }

    private static String sampleLine() {
        return LineChart.builder("t").x("K", Scale.LOG10).y("v", Scale.LINEAR).markers(true)
                .series("a", new double[] {1, 10, 100}, new double[] {0.1, 1 / 3.0, 0.7})
                .stepSeries("b", new double[] {1, 10, 100}, new double[] {0.2, 0.25, 0.6}).build().svg();
    }

    private static String sampleScatter() {
        return ScatterChart.builder("t").series("a", Marker.DIAMOND, List.of(Point.of(1, 2, "x"), Point.of(1.01, 2, "y")))
                .series("b", Marker.CROSS, new double[] {3}, new double[] {4}).build().svg();
    }

    private static String sampleBar() {
        return BarChart.builder("t").x("c", List.of("a", "b")).y("v").valueLabels(true)
                .series("s", new double[] {1 / 7.0, 2}).series("r", new double[] {-1, 3}).build().svg();
    }
}
