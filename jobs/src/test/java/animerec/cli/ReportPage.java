package animerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.browser.Chromium;
import animerec.browser.Page;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Issue 21's browser check of a pipeline's report.html (popularity, a hybrid of popularity and item-knn with searched
 * weights, one tuning study): the file holds every section; in headless Chromium it loads nothing but itself, logs no
 * console error, draws marks in every plot at a real size and sorts its leaderboard on a click. The screenshot is
 * {@code jobs/target/report-screenshot.png}. Without Chromium the browser half is skipped with a message.
 */
final class ReportPage {
    private ReportPage() {
    }

    static void check(Path html, String pipelineOut) throws Exception {
        assertTrue(Files.exists(html), pipelineOut);
        assertTrue(pipelineOut.contains(": 2 model versions, 1 tuning studies"), pipelineOut);
        String text = Files.readString(html);
        for (String id : List.of("leaderboard", "curves", "cost", "popularity", "activity", "hybrids", "dataset", "studies",
                "manifest")) {
            assertTrue(text.contains("<section id=\"" + id + "\">"), "section " + id);
        }
        if (!Chromium.available()) {
            System.out.println("ReportPage: no chromium (install Debian's chromium package): the browser checks are skipped");
            return;
        }
        long t0 = System.nanoTime();
        try (Chromium chromium = Chromium.start(); Page page = chromium.newPage()) {
            page.navigate(html.toUri());
            assertEquals(List.of(), page.consoleErrors(), "console errors");
            List<String> requests = page.requests();
            assertEquals(1, requests.size(), "the page loads nothing but itself: " + requests);
            assertTrue(requests.get(0).startsWith("file:") && requests.get(0).endsWith("/report.html"), requests.toString());
            JsonNode plots = page.evaluate("""
                    Array.from(document.querySelectorAll('figure.plot svg')).map(function (s) {
                      var b = s.getBoundingClientRect();
                      return {title: s.querySelector('title').textContent, marks: s.querySelectorAll('.mark').length,
                              width: b.width, height: b.height};
                    })""");
            // 3 curves, cost, deciles, coverage, activity, 2 hybrid plots, 2 data plots, best-so-far, trials, 2 slices
            assertEquals(15, plots.size(), plots.toString());
            for (JsonNode p : plots) {
                assertTrue(p.path("marks").asInt() > 0, "a plot without marks: " + p);
                assertTrue(p.path("width").asDouble() > 100 && p.path("height").asDouble() > 100, "a plot with no size: " + p);
            }
            assertTrue(page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth").asBoolean(),
                    "the page is no wider than the window (the leaderboard scrolls in its own box)");
            // the leaderboard sorts by the clicked column: fit seconds, ascending
            page.click("#board th:nth-child(10)");
            JsonNode fit = page.evaluate("Array.from(document.querySelectorAll('#board tbody tr'))"
                    + ".map(function (r) { return parseFloat(r.cells[9].textContent); })");
            assertEquals(2, fit.size(), fit.toString());
            for (int i = 1; i < fit.size(); i++) {
                assertTrue(fit.get(i - 1).asDouble() <= fit.get(i).asDouble(), "sorted ascending: " + fit);
            }
            Path png = page.screenshot(Path.of("target", "report-screenshot.png"));
            assertEquals(List.of(), page.consoleErrors(), "console errors after the click");
            System.out.printf("ReportPage: browser checks in %.1f s; screenshot %s, %,d bytes%n", (System.nanoTime() - t0) / 1e9,
                    png.toAbsolutePath(), Files.size(png));
        }
    }
}
