package animerec.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One tab of a {@link Chromium}, attached in flat mode (its commands and events carry its session id). It records,
 * from the moment it is opened, every console error, uncaught exception and error log entry ({@link #consoleErrors()})
 * and the URL of every request ({@link #requests()}).
 */
public final class Page implements AutoCloseable {
    public static final Duration LOAD_TIMEOUT = Duration.ofSeconds(20);
    public static final int DEFAULT_WIDTH = 1280;
    public static final int DEFAULT_HEIGHT = 800;

    private final CdpConnection cdp;
    private final String targetId;
    private final String sessionId;
    private final Consumer<JsonNode> listener = this::onEvent;
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    /** the "load" lifecycle event of each loader (navigation), by loader id: navigate waits for its own */
    private final Map<String, CompletableFuture<Void>> loads = new ConcurrentHashMap<>();
    private boolean closed;
    private int viewportWidth = DEFAULT_WIDTH;
    private int viewportHeight = DEFAULT_HEIGHT;

    private Page(CdpConnection cdp, String targetId, String sessionId) {
        this.cdp = cdp;
        this.targetId = targetId;
        this.sessionId = sessionId;
    }

    static Page open(CdpConnection cdp) {
        ObjectNode create = CdpConnection.JSON.createObjectNode().put("url", "about:blank");
        String targetId = cdp.call(null, "Target.createTarget", create).path("targetId").asText();
        ObjectNode attach = CdpConnection.JSON.createObjectNode().put("targetId", targetId).put("flatten", true);
        String sessionId = cdp.call(null, "Target.attachToTarget", attach).path("sessionId").asText();
        Page page = new Page(cdp, targetId, sessionId);
        cdp.addListener(page.listener);
        try {
            for (String domain : List.of("Page", "Runtime", "Network", "Log")) {
                page.call(domain + ".enable", null);
            }
            page.call("Page.setLifecycleEventsEnabled", params().put("enabled", true));
            page.setViewport(DEFAULT_WIDTH, DEFAULT_HEIGHT);
        } catch (RuntimeException e) {
            page.close();
            throw e;
        }
        return page;
    }

    private static ObjectNode params() {
        return CdpConnection.JSON.createObjectNode();
    }

    private JsonNode call(String method, ObjectNode params) {
        return cdp.call(sessionId, method, params);
    }

    /** Sets the viewport (CSS pixels, device scale factor 1). */
    public void setViewport(int width, int height) {
        viewportWidth = width;
        viewportHeight = height;
        call("Emulation.setDeviceMetricsOverride", params().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", false));
    }

    /** Navigates and waits for that navigation's load event (20 s). */
    public void navigate(URI url) {
        navigate(url, LOAD_TIMEOUT);
    }

    public void navigate(URI url, Duration timeout) {
        JsonNode r = call("Page.navigate", params().put("url", url.toString()));
        if (r.hasNonNull("errorText")) {
            throw new ChromiumException("cannot load " + url + ": " + r.path("errorText").asText());
        }
        String loaderId = r.path("loaderId").asText(null);
        if (loaderId == null) {
            return; // a same-document navigation (only the fragment changed): there is no load to wait for
        }
        try {
            loads.computeIfAbsent(loaderId, id -> new CompletableFuture<>())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChromiumException("interrupted while loading " + url, e);
        } catch (TimeoutException e) {
            throw new ChromiumException(url + ": no load event within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new ChromiumException(url + ": " + e.getCause().getMessage(), e.getCause());
        } finally {
            loads.remove(loaderId);
        }
    }

    /**
     * Evaluates a JavaScript expression in the page, awaiting it if it is a promise, and returns its value as JSON
     * (a missing node for undefined). A script that throws fails with the exception's text.
     */
    public JsonNode evaluate(String js) {
        JsonNode r = call("Runtime.evaluate", params().put("expression", js).put("awaitPromise", true)
                .put("returnByValue", true).put("userGesture", true));
        JsonNode exception = r.get("exceptionDetails");
        if (exception != null) {
            throw new ChromiumException("script threw: " + exceptionText(exception) + "\n  script: " + abbreviate(js));
        }
        JsonNode result = r.path("result");
        if (result.has("value")) {
            return result.get("value");
        }
        if (result.has("unserializableValue")) { // NaN, Infinity, -0, bigint
            return CdpConnection.JSON.getNodeFactory().textNode(result.get("unserializableValue").asText());
        }
        return result.path("value"); // undefined: a MissingNode
    }

    /**
     * Clicks the centre of the first element matching the selector with real mouse events (so an element covered by
     * another is not clicked), after scrolling it into view.
     */
    public void click(String cssSelector) {
        JsonNode box = evaluate("(() => { const e = document.querySelector(" + quote(cssSelector) + ");"
                + " if (!e) throw new Error('no element matches ' + " + quote(cssSelector) + ");"
                + " e.scrollIntoView({block: 'center', inline: 'center'});"
                + " const r = e.getBoundingClientRect();"
                + " if (r.width === 0 || r.height === 0) throw new Error('element has no size: ' + "
                + quote(cssSelector) + ");"
                + " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()");
        double x = box.path("x").asDouble();
        double y = box.path("y").asDouble();
        mouse("mouseMoved", x, y, 0);
        mouse("mousePressed", x, y, 1);
        mouse("mouseReleased", x, y, 1);
    }

    private void mouse(String type, double x, double y, int clicks) {
        ObjectNode p = params().put("type", type).put("x", x).put("y", y);
        if (clicks > 0) {
            p.put("button", "left").put("buttons", type.equals("mousePressed") ? 1 : 0).put("clickCount", clicks);
        }
        call("Input.dispatchMouseEvent", p);
    }

    /**
     * Focuses the first element matching the selector and types the text with key events, one character at a time
     * (keydown, keypress, input, keyup, as a user's typing); '\n' presses Enter.
     */
    public void type(String cssSelector, String text) {
        evaluate("(() => { const e = document.querySelector(" + quote(cssSelector) + ");"
                + " if (!e) throw new Error('no element matches ' + " + quote(cssSelector) + ");"
                + " e.focus(); if (document.activeElement !== e) throw new Error('cannot focus ' + "
                + quote(cssSelector) + "); })()");
        text.codePoints().forEach(cp -> {
            if (cp == '\n') {
                key("rawKeyDown", "Enter", "Enter", 13, null);
                key("char", "Enter", "Enter", 13, "\r");
                key("keyUp", "Enter", "Enter", 13, null);
            } else {
                String ch = new String(Character.toChars(cp));
                key("keyDown", ch, "", 0, ch);
                key("keyUp", ch, "", 0, null);
            }
        });
    }

    private void key(String type, String key, String code, int keyCode, String text) {
        ObjectNode p = params().put("type", type).put("key", key);
        if (!code.isEmpty()) {
            p.put("code", code);
        }
        if (keyCode != 0) {
            p.put("windowsVirtualKeyCode", keyCode).put("nativeVirtualKeyCode", keyCode);
        }
        if (text != null) {
            p.put("text", text).put("unmodifiedText", text);
        }
        call("Input.dispatchKeyEvent", p);
    }

    /** Polls the JavaScript condition (every 50 ms) until it is truthy; fails when the timeout passes first. */
    public void waitFor(String jsCondition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (evaluate("Boolean(" + jsCondition + ")").asBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ChromiumException(
                        "not true within " + timeout.toMillis() + " ms: " + abbreviate(jsCondition));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChromiumException("interrupted waiting for " + abbreviate(jsCondition), e);
            }
        }
    }

    /**
     * Every uncaught exception, console.error / console.assert failure and error-level log entry (such as a resource
     * that failed to load) since the page was opened, one readable line each.
     */
    public List<String> consoleErrors() {
        return List.copyOf(consoleErrors);
    }

    /** The URL of every request the page made since it was opened, in order (data: URLs included). */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /**
     * Writes a PNG of the whole page (its full content size, not only the viewport) and returns its bytes' path.
     */
    public Path screenshot(Path png) {
        // the viewport grows to the content's height for the capture (the page then has no vertical scroll bar),
        // then returns to its size: Page.captureScreenshot's captureBeyondViewport left the page without its scroll
        // bar afterwards, a layout change later assertions would see
        JsonNode metrics = call("Page.getLayoutMetrics", null);
        JsonNode size = metrics.has("cssContentSize") ? metrics.get("cssContentSize") : metrics.path("contentSize");
        int height = (int) Math.max(viewportHeight, Math.ceil(size.path("height").asDouble()));
        int width = viewportWidth;
        JsonNode shot;
        try {
            call("Emulation.setDeviceMetricsOverride", params().put("width", width).put("height", height)
                    .put("deviceScaleFactor", 1).put("mobile", false));
            shot = call("Page.captureScreenshot", params().put("format", "png"));
        } finally {
            setViewport(viewportWidth, viewportHeight);
        }
        byte[] bytes = Base64.getDecoder().decode(shot.path("data").asText());
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.write(png, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void onEvent(JsonNode message) {
        if (!sessionId.equals(message.path("sessionId").asText())) {
            return;
        }
        JsonNode p = message.path("params");
        switch (message.path("method").asText()) {
            case "Page.lifecycleEvent" -> {
                if ("load".equals(p.path("name").asText())) {
                    loads.computeIfAbsent(p.path("loaderId").asText(), id -> new CompletableFuture<>()).complete(null);
                }
            }
            case "Network.requestWillBeSent" -> requests.add(p.path("request").path("url").asText());
            case "Runtime.exceptionThrown" -> consoleErrors.add(exceptionText(p.path("exceptionDetails")));
            case "Runtime.consoleAPICalled" -> {
                String type = p.path("type").asText();
                if (type.equals("error") || type.equals("assert")) {
                    List<String> args = new ArrayList<>();
                    p.path("args").forEach(a -> args.add(remoteObjectText(a)));
                    consoleErrors.add("console." + type + ": " + String.join(" ", args) + where(p.path("stackTrace")));
                }
            }
            case "Log.entryAdded" -> {
                JsonNode entry = p.path("entry");
                if ("error".equals(entry.path("level").asText())) {
                    consoleErrors.add("log error (" + entry.path("source").asText() + "): "
                            + entry.path("text").asText()
                            + (entry.hasNonNull("url") ? " " + entry.path("url").asText() : ""));
                }
            }
            default -> {
            }
        }
    }

    private static String exceptionText(JsonNode details) {
        JsonNode exception = details.path("exception");
        String what = exception.has("description") ? exception.path("description").asText()
                : exception.has("value") ? exception.path("value").toString() : "";
        String text = details.path("text").asText();
        String line = what.isEmpty() ? text : text.isEmpty() || what.startsWith(text) ? what : text + " " + what;
        if (details.hasNonNull("url")) {
            line += " (" + details.path("url").asText() + ":" + (details.path("lineNumber").asInt() + 1) + ")";
        }
        return line;
    }

    private static String remoteObjectText(JsonNode a) {
        if (a.has("value")) {
            JsonNode v = a.get("value");
            return v.isTextual() ? v.asText() : v.toString();
        }
        if (a.has("unserializableValue")) {
            return a.get("unserializableValue").asText();
        }
        if (a.has("description")) {
            return a.get("description").asText();
        }
        return a.path("type").asText();
    }

    private static String where(JsonNode stackTrace) {
        JsonNode top = stackTrace.path("callFrames").path(0);
        if (top.isMissingNode() || top.path("url").asText().isEmpty()) {
            return "";
        }
        return " (" + top.path("url").asText() + ":" + (top.path("lineNumber").asInt() + 1) + ")";
    }

    private static String quote(String s) {
        return CdpConnection.JSON.getNodeFactory().textNode(s).toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    /** Closes the tab. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        cdp.removeListener(listener);
        try {
            cdp.call(null, "Target.closeTarget", params().put("targetId", targetId));
        } catch (ChromiumException e) {
            // the browser is already gone
        }
    }
}
