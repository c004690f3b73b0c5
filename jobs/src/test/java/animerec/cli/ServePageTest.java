package animerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.browser.Chromium;
import animerec.browser.Page;
import animerec.util.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The explorer page of {@code animerec serve} ({@link ServeFixture}) in headless Chromium: a name search lists what
 * {@code /items} answers; a picked result shows one column per similar kind with {@code /similar}'s lists; an example
 * user's list is the model's {@code /recommend} list, with the explanations (sources and weights for a hybrid,
 * item-knn's reasons by name); two liked anime give the cold-start list of {@code /recommend?liked=}, which follows a
 * removal; an API error is shown inline. No console error beyond that error's own failed request, and every request
 * goes to the server itself. The screenshot is {@code jobs/target/serve-screenshot.png}. Without Chromium the
 * browser half is skipped with a message.
 */
class ServePageTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static JsonNode json(String url) throws Exception {
        HttpResponse<String> r = ServeTest.get(url);
        assertEquals(200, r.statusCode(), url + " -> " + r.body());
        return Json.MAPPER.readTree(r.body());
    }

    private static List<Long> ids(JsonNode items) {
        List<Long> out = new ArrayList<>();
        items.forEach(i -> out.add(i.path("item").asLong()));
        return out;
    }

    private static List<Long> pageIds(Page page, String selector) {
        List<Long> out = new ArrayList<>();
        page.evaluate("Array.from(document.querySelectorAll(" + Json.MAPPER.getNodeFactory().textNode(selector)
                + ")).map(function (e) { return Number(e.getAttribute('data-item')); })").forEach(n -> out.add(n.asLong()));
        return out;
    }

    private static String text(Page page, String selector) {
        return page.evaluate("(document.querySelector(" + Json.MAPPER.getNodeFactory().textNode(selector)
                + ") || {textContent: ''}).textContent").asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void theExplorerPageSearchesShowsSimilarRecommendsExplainsAndFollowsLikedItems() throws Exception {
        check(ServeFixture.get().base());
    }

    /** The checks against a server at {@code base} serving the fixture's registry. */
    static void check(String base) throws Exception {
        HttpResponse<String> index = ServeTest.get(base + "/");
        assertEquals(200, index.statusCode());
        assertTrue(index.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), index.headers().toString());
        for (String id : List.of("search", "results", "similar", "user", "model", "recs", "explain", "liked", "cold", "error")) {
            assertTrue(index.body().contains("id=\"" + id + "\""), "the page has #" + id);
        }
        if (!Chromium.available()) {
            System.out.println("ServePageTest: no chromium (install Debian's chromium package): the browser checks are skipped");
            return;
        }
        JsonNode models = json(base + "/models");
        String defaultModel = models.path("default").asText();
        // the generator's titles: a sixth are "The <word> of <place>"
        String query = "the";
        JsonNode found = json(base + "/items?q=" + query + "&limit=20").path("items");
        assertTrue(found.size() >= 2, "the generated catalogue has names with '" + query + "': " + found);

        long t0 = System.nanoTime();
        try (Chromium chromium = Chromium.start(); Page page = chromium.newPage()) {
            page.setViewport(1400, 900);
            page.navigate(URI.create(base + "/"));
            page.waitFor("document.getElementById('meta').getAttribute('data-ready') === 'true'", WAIT);
            assertEquals(models.path("models").size(), page.evaluate("document.querySelectorAll('#model option').length").asInt());
            assertEquals(defaultModel, page.evaluate("document.getElementById('model').value").asText(), "the default is selected");

            // search -> the /items answer, in order, with names, types and genres
            page.type("#search", query);
            page.waitFor("document.querySelectorAll('#results li').length === " + found.size(), WAIT);
            assertEquals(ids(found), pageIds(page, "#results li"));
            JsonNode first = found.get(0);
            String firstRow = text(page, "#results li:first-child");
            assertTrue(firstRow.contains(first.path("name").asText()) && firstRow.contains(first.path("type").asText())
                    && firstRow.contains(first.path("genres").get(0).asText()), firstRow + " vs " + first);

            // a click on a result -> one column per similar kind, each the /similar list
            page.click("#results li:first-child .name");
            JsonNode similar = json(base + "/similar?item=" + first.path("item").asLong() + "&k=10").path("lists");
            assertTrue(similar.size() >= 1, "a similar kind is served: " + similar);
            page.waitFor("document.getElementById('similar').getAttribute('data-item') === '" + first.path("item").asLong()
                    + "' && document.querySelectorAll('#similar .list').length === " + similar.size(), WAIT);
            int withItems = 0;
            for (int i = 0; i < similar.size(); i++) {
                JsonNode l = similar.get(i);
                String col = "#similar .list:nth-child(" + (i + 1) + ")";
                assertEquals(l.path("kind").asText(), page.evaluate("document.querySelector('" + col + "').getAttribute('data-kind')")
                        .asText());
                assertEquals(ids(l.path("items")), pageIds(page, col + " li"), l.path("kind").asText());
                withItems += l.path("items").isEmpty() ? 0 : 1;
                for (JsonNode it : l.path("items")) {
                    if (it.hasNonNull("why")) {
                        assertTrue(text(page, col + " li[data-item='" + it.path("item").asLong() + "'] .why")
                                .contains(it.path("why").asText()), l.path("kind").asText() + " shows why: " + it);
                    }
                }
            }
            assertTrue(withItems >= 1, "a similar list with items: " + similar);

            // an example user -> the model's list and its explanations
            long user = exampleOf(models, defaultModel);
            page.click("#examples button.example[data-user='" + user + "']");
            JsonNode rec = json(base + "/recommend?user=" + user + "&k=10&model=" + enc(defaultModel));
            page.waitFor("document.getElementById('recs').getAttribute('data-user') === '" + user + "'", WAIT);
            assertEquals(ids(rec.path("items")), pageIds(page, "#recs li"), "the default model's list for user " + user);
            assertFalse(rec.path("items").isEmpty(), rec.toString());
            String because = text(page, "#explain .because");
            assertTrue(because.contains(rec.path("because").get(0).path("name").asText()), "the history by name: " + because);
            boolean hybrid = rec.has("weights");
            if (hybrid) {
                assertEquals(rec.path("header").asText(), text(page, "#explain .header-line"));
                assertEquals(rec.path("weights").size(), page.evaluate("document.querySelectorAll('#explain .weights .bar').length").asInt());
                for (JsonNode it : rec.path("items")) {
                    String row = "#explain tr[data-item='" + it.path("item").asLong() + "'] .sources";
                    String shown = text(page, row);
                    for (JsonNode s : it.path("sources")) {
                        assertTrue(shown.contains(s.path("component").asText() + " #" + s.path("rank").asInt()), shown + " vs " + it);
                    }
                }
                System.out.println("ServePageTest: hybrid " + defaultModel + " explained with sources and weights");
            } else {
                System.out.println("ServePageTest: the default model " + defaultModel + " is not a hybrid; no hybrid is served: "
                        + models.path("models").findValuesAsText("model"));
            }
            // item-knn's reasons, its history ids shown by name
            String knn = models.path("models").findValuesAsText("model").stream().filter(m -> m.startsWith("item-knn@"))
                    .findFirst().orElseThrow();
            page.evaluate("(function () { var s = document.getElementById('model'); s.value = '" + knn + "';"
                    + " s.dispatchEvent(new Event('change')); })()");
            page.waitFor("document.getElementById('explain').getAttribute('data-model') === '" + knn + "'", WAIT);
            JsonNode knnRec = json(base + "/recommend?user=" + user + "&k=10&model=" + enc(knn));
            assertEquals(ids(knnRec.path("items")), pageIds(page, "#recs li"), "item-knn's list for user " + user);
            int reasons = 0;
            int named = 0;
            for (JsonNode it : knnRec.path("items")) {
                if (!it.hasNonNull("why")) {
                    continue;
                }
                String why = text(page, "#explain tr[data-item='" + it.path("item").asLong() + "'] .why");
                assertTrue(why.startsWith("item-knn: because you watched ") && !why.contains("items you have"), why);
                for (String id : it.path("why").asText().replaceAll(".*items you have: ", "").split(", ")) {
                    for (JsonNode h : knnRec.path("because")) {
                        if (h.path("item").asText().equals(id)) {
                            assertTrue(why.contains(h.path("name").asText()), "history item " + id + " by name: " + why);
                            named++;
                        }
                    }
                }
                reasons++;
            }
            assertTrue(reasons >= 1 && named >= 1, "item-knn gives reasons (" + reasons + "), by name (" + named + "): " + knnRec);

            // two liked anime -> the cold-start list; a removal updates it
            long a = first.path("item").asLong();
            long b = found.get(1).path("item").asLong();
            page.click("#similar .row button.add");
            page.click("#results li:nth-child(2) button.add");
            page.waitFor("document.querySelectorAll('#liked .chip').length === 2", WAIT);
            String coldModel = coldModel(models, knn, defaultModel);
            page.waitFor("document.getElementById('cold').getAttribute('data-liked') === '" + a + "," + b + "'", WAIT);
            JsonNode cold = json(base + "/recommend?liked=" + a + "," + b + "&k=10&model=" + enc(coldModel));
            assertFalse(cold.path("items").isEmpty(), cold.toString());
            assertEquals(coldModel, page.evaluate("document.getElementById('cold').getAttribute('data-model')").asText());
            assertEquals(ids(cold.path("items")), pageIds(page, "#cold li[data-item]"), "the cold-start list of " + coldModel);
            page.click("#liked .chip[data-item='" + a + "'] button.remove");
            page.waitFor("document.getElementById('cold').getAttribute('data-liked') === '" + b + "'", WAIT);
            assertEquals(List.of(b), pageIds(page, "#liked .chip"));
            JsonNode coldB = json(base + "/recommend?liked=" + b + "&k=10&model=" + enc(coldModel));
            assertEquals(ids(coldB.path("items")), pageIds(page, "#cold li[data-item]"), "after the removal");
            page.click("#results li:first-child button.add");
            page.waitFor("document.getElementById('cold').getAttribute('data-liked') === '" + b + "," + a + "'", WAIT);

            Path png = page.screenshot(Path.of("target", "serve-screenshot.png"));
            assertEquals(List.of(), page.consoleErrors(), "console errors");

            // an API error is shown inline (its text), the lists are emptied, nothing else is logged
            page.evaluate("document.getElementById('user').value = '99999999'");
            page.click("#go");
            page.waitFor("document.getElementById('error').textContent.indexOf('unknown user 99999999') >= 0", WAIT);
            assertEquals(0, page.evaluate("document.querySelectorAll('#recs li').length").asInt());
            for (String e : page.consoleErrors()) {
                assertTrue(e.startsWith("log error (network): Failed to load resource") && e.contains("status of 404"),
                        "only the refused request's own entry: " + page.consoleErrors());
            }
            for (String r : page.requests()) {
                assertTrue(r.startsWith(base + "/"), "a request to another origin: " + r + " in " + page.requests());
            }
            System.out.printf("ServePageTest: browser checks in %.1f s, %d requests; screenshot %s, %,d bytes%n",
                    (System.nanoTime() - t0) / 1e9, page.requests().size(), png.toAbsolutePath(), Files.size(png));
        }
    }

    private static long exampleOf(JsonNode models, String key) {
        for (JsonNode m : models.path("models")) {
            if (m.path("model").asText().equals(key)) {
                return m.path("example_users").get(0).asLong();
            }
        }
        throw new AssertionError("no served model " + key + ": " + models);
    }

    /** The page's rule: the selected model if it folds in liked items, else the default, else the first that does. */
    private static String coldModel(JsonNode models, String selected, String defaultModel) {
        for (String key : List.of(selected, defaultModel)) {
            for (JsonNode m : models.path("models")) {
                if (m.path("model").asText().equals(key) && m.path("liked").asBoolean()) {
                    return key;
                }
            }
        }
        for (JsonNode m : models.path("models")) {
            if (m.path("liked").asBoolean()) {
                return m.path("model").asText();
            }
        }
        throw new AssertionError("no served model folds in liked items: " + models);
    }
}
