package animerec.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: the headless-Chromium harness renders local pages and reports what a report test needs (element counts,
 * console errors, every request, a full-page screenshot, clicks and typing). One browser for the class, a fresh tab
 * per test. Skips when there is no Chromium.
 */
class ChromiumTest {
    private static Chromium chromium;
    private static long started;

    @TempDir
    Path tmp;

    private Page page;

    // the assumption is per test (in page()), so that the report counts the tests as skipped, with the reason
    @BeforeAll
    static void startBrowser() {
        if (!Chromium.available()) {
            return;
        }
        started = System.nanoTime();
        chromium = Chromium.start();
        System.out.printf("chromium started in %.2f s%n", (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
            System.out.printf("ChromiumTest: %.2f s from start to close%n", (System.nanoTime() - started) / 1e9);
        }
    }

    /** This test's tab, opened on first use; skips the test when there is no Chromium. */
    private Page page() {
        Assumptions.assumeTrue(chromium != null,
                "ChromiumTest skipping: no chromium (install Debian's chromium package)");
        if (page == null) {
            page = chromium.newPage();
        }
        return page;
    }

    @AfterEach
    void closePage() {
        if (page != null) {
            page.close();
        }
    }

    private Path html(String name, String body) throws Exception {
        return Files.writeString(tmp.resolve(name),
                "<!doctype html><html><head><meta charset=\"utf-8\"><title>t</title></head><body>" + body
                        + "</body></html>");
    }

    @Test
    void evaluateCountsTheElementsAScriptBuilt() throws Exception {
        Page page = page();
        // 7 circles and 3 rects, built by the page's own script: the count is what the DOM holds, not the source text
        Path p = html("svg.html", "<div id=\"chart\"></div><script>"
                + "const ns = 'http://www.w3.org/2000/svg'; const svg = document.createElementNS(ns, 'svg');"
                + "for (let i = 0; i < 7; i++) { const c = document.createElementNS(ns, 'circle');"
                + " c.setAttribute('r', String(i + 1)); svg.appendChild(c); }"
                + "for (let i = 0; i < 3; i++) svg.appendChild(document.createElementNS(ns, 'rect'));"
                + "document.getElementById('chart').appendChild(svg);</script>");
        page.navigate(p.toUri());
        assertEquals(7, page.evaluate("document.querySelectorAll('#chart svg circle').length").asInt());
        assertEquals(3, page.evaluate("document.querySelectorAll('#chart svg rect').length").asInt());
        assertEquals(10, page.evaluate("document.querySelector('#chart svg').childElementCount").asInt());
        assertEquals("7", page.evaluate("document.querySelector('circle:last-child, circle:nth-of-type(7)')"
                + ".getAttribute('r')").asText());
        // values come back as JSON; a promise is awaited
        assertEquals(List.of(1, 2, 3), Arrays.stream(new int[] {0, 1, 2})
                .mapToObj(i -> page.evaluate("Promise.resolve([1, 2, 3])").get(i).asInt()).toList());
        assertTrue(page.evaluate("undefined").isMissingNode());
        assertTrue(page.consoleErrors().isEmpty(), page.consoleErrors().toString());
    }

    @Test
    void aScriptThatThrowsFailsEvaluateWithItsMessage() throws Exception {
        Page page = page();
        page.navigate(html("plain.html", "<p>x</p>").toUri());
        ChromiumException e = assertThrows(ChromiumException.class,
                () -> page.evaluate("(() => { throw new Error('kaputt 42'); })()"));
        assertTrue(e.getMessage().contains("kaputt 42"), e.getMessage());
        ChromiumException rejected = assertThrows(ChromiumException.class,
                () -> page.evaluate("Promise.reject(new TypeError('nope 7'))"));
        assertTrue(rejected.getMessage().contains("nope 7"), rejected.getMessage());
    }

    @Test
    void consoleErrorsHoldConsoleErrorAndUncaughtExceptions() throws Exception {
        Page page = page();
        page.navigate(html("boom.html", "<p>x</p><script>console.log('fine'); console.warn('meh');"
                + " console.error('boom', 3);</script>").toUri());
        List<String> errors = page.consoleErrors();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("console.error: boom 3"), errors.toString());

        try (Page thrower = chromium.newPage()) {
            thrower.navigate(html("throws.html", "<p>x</p><script>\nfunction f() { throw new Error('thrown here'); }\n"
                    + "f();</script><script>console.assert(1 === 2, 'one is not two');</script>").toUri());
            List<String> thrown = thrower.consoleErrors();
            assertEquals(2, thrown.size(), thrown.toString());
            assertTrue(thrown.get(0).contains("Uncaught Error: thrown here"), thrown.toString());
            assertTrue(thrown.get(0).contains("throws.html:2"), thrown.toString());
            assertTrue(thrown.get(1).startsWith("console.assert: ") && thrown.get(1).contains("one is not two"),
                    thrown.toString());
        }
    }

    @Test
    void aCleanPageHasNoConsoleErrors() throws Exception {
        Page page = page();
        page.navigate(html("clean.html", "<p id=\"p\">x</p><script>document.getElementById('p').textContent = 'ok';"
                + " console.log('all good');</script>").toUri());
        assertEquals("ok", page.evaluate("document.getElementById('p').textContent").asText());
        assertEquals(List.of(), page.consoleErrors());
    }

    @Test
    void requestsListEveryUrlThePageAskedFor() throws Exception {
        Page page = page();
        Path remote = html("remote.html", "<img src=\"http://example.invalid/x.png\">");
        page.navigate(remote.toUri());
        List<String> urls = page.requests();
        assertTrue(urls.contains("http://example.invalid/x.png"), urls.toString());
        assertTrue(urls.contains(remote.toUri().toString()), urls.toString());
        // the failed load is an error a report test would see
        assertTrue(page.consoleErrors().stream().anyMatch(e -> e.contains("http://example.invalid/x.png")),
                page.consoleErrors().toString());

        try (Page inline = chromium.newPage()) {
            Path local = html("inline.html", "<style>p { color: red; }</style><p>x</p>"
                    + "<svg width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>"
                    + "<script>document.body.append('y');</script>");
            inline.navigate(local.toUri());
            assertEquals(List.of(local.toUri().toString()), inline.requests());
        }
    }

    @Test
    void aScreenshotIsAPngOfTheWholeTallPage() throws Exception {
        Page page = page();
        page.navigate(html("tall.html", "<div style=\"height: 3000px; background: linear-gradient(red, blue)\">"
                + "</div><p>bottom</p>").toUri());
        int pageHeight = page.evaluate("document.documentElement.scrollHeight").asInt();
        int clientWidth = page.evaluate("document.documentElement.clientWidth").asInt();
        assertTrue(pageHeight >= 3000, "page height " + pageHeight);
        Path png = page.screenshot(tmp.resolve("shots/tall.png"));
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 5_000, "png of " + bytes.length + " bytes");
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        assertTrue(Arrays.equals(signature, Arrays.copyOf(bytes, 8)), "not a PNG signature");
        // the first chunk is IHDR: length (4), "IHDR" (4), width (4), height (4), big-endian
        assertEquals("IHDR", new String(bytes, 12, 4, StandardCharsets.US_ASCII));
        ByteBuffer ihdr = ByteBuffer.wrap(bytes, 16, 8);
        int width = ihdr.getInt();
        int height = ihdr.getInt();
        // the viewport's width and all of the page's height, not only the viewport's
        assertEquals(Page.DEFAULT_WIDTH, width);
        assertTrue(height >= pageHeight, "png height " + height + " < page height " + pageHeight);
        // and what lies below the viewport was painted: the div (y 8 to 3008) is red at the top, blue at the bottom
        BufferedImage image = ImageIO.read(png.toFile());
        Color top = new Color(image.getRGB(width / 2, 20));
        Color bottom = new Color(image.getRGB(width / 2, 2990));
        assertTrue(top.getRed() > 200 && top.getBlue() < 50, "top pixel " + top);
        assertTrue(bottom.getBlue() > 200 && bottom.getRed() < 50, "pixel at y 2990 " + bottom);
        // the capture put the viewport back: the page is laid out as before, with its scroll bar
        assertEquals(Page.DEFAULT_HEIGHT, page.evaluate("innerHeight").asInt());
        assertEquals(clientWidth, page.evaluate("document.documentElement.clientWidth").asInt());
    }

    @Test
    void clickAndTypeDriveAForm() throws Exception {
        Page page = page();
        page.navigate(html("form.html", "<input id=\"name\"> <button id=\"go\">go</button> <p id=\"out\"></p>"
                + "<p id=\"keys\">0</p><script>"
                + "document.getElementById('name').addEventListener('keydown', () => {"
                + " const k = document.getElementById('keys'); k.textContent = String(Number(k.textContent) + 1); });"
                + "document.getElementById('go').addEventListener('click', () => {"
                + " document.getElementById('out').textContent = 'hello ' + document.getElementById('name').value;"
                + "});</script>").toUri());
        page.type("#name", "Yūki 42");
        assertEquals("Yūki 42", page.evaluate("document.getElementById('name').value").asText());
        assertEquals(7, page.evaluate("Number(document.getElementById('keys').textContent)").asInt(),
                "one keydown per character");
        assertEquals("", page.evaluate("document.getElementById('out').textContent").asText());
        page.click("#go");
        page.waitFor("document.getElementById('out').textContent !== ''", Duration.ofSeconds(5));
        assertEquals("hello Yūki 42", page.evaluate("document.getElementById('out').textContent").asText());
        ChromiumException missing = assertThrows(ChromiumException.class, () -> page.click("#nothing"));
        assertTrue(missing.getMessage().contains("no element matches #nothing"), missing.getMessage());
        ChromiumException never = assertThrows(ChromiumException.class,
                () -> page.waitFor("document.getElementById('out').textContent === 'bye'", Duration.ofMillis(300)));
        assertTrue(never.getMessage().startsWith("not true within 300 ms"), never.getMessage());
    }

    private Path script(String name, String body) throws Exception {
        Path p = Files.writeString(tmp.resolve(name), "#!/bin/sh\n" + body);
        assertTrue(p.toFile().setExecutable(true));
        return p;
    }

    @Test
    void aBrowserThatExitsFailsWithItsStderrTail() throws Exception {
        Path fake = script("exits.sh", "echo 'cannot open display' >&2\nexit 3\n");
        ChromiumException e = assertThrows(ChromiumException.class, () -> Chromium.start(fake, Duration.ofSeconds(20)));
        assertTrue(e.getMessage().contains("did not start: it exited with status 3"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot open display"), e.getMessage());
    }

    @Test
    void aBrowserThatNeverListensTimesOutIsKilledAndItsProfileDeleted() throws Exception {
        Path args = tmp.resolve("args");
        Path pid = tmp.resolve("pid");
        Path fake = script("silent.sh", "echo \"$@\" > '" + args + "'\necho $$ > '" + pid + "'\n"
                + "echo 'starting up' >&2\nexec sleep 60\n");
        long t0 = System.nanoTime();
        ChromiumException e = assertThrows(ChromiumException.class, () -> Chromium.start(fake, Duration.ofSeconds(1)));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(e.getMessage().contains("no DevTools endpoint within 1 s"), e.getMessage());
        assertTrue(e.getMessage().contains("starting up"), e.getMessage());
        assertTrue(seconds < 10, seconds + " s");
        long fakePid = Long.parseLong(Files.readString(pid).trim());
        assertFalse(ProcessHandle.of(fakePid).map(ProcessHandle::isAlive).orElse(false), "the stand-in still runs");
        // the flags that keep Chromium off the network, and a fresh profile that is gone afterwards
        List<String> argv = List.of(Files.readString(args).trim().split(" "));
        for (String flag : List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--no-first-run", "--remote-debugging-port=0")) {
            assertTrue(argv.contains(flag), flag + " missing from " + argv);
        }
        String profile = argv.stream().filter(a -> a.startsWith("--user-data-dir=")).findFirst().orElseThrow()
                .substring("--user-data-dir=".length());
        assertFalse(Files.exists(Path.of(profile)), profile + " still exists");
    }
}
