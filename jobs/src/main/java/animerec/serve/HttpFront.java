package animerec.serve;

import animerec.util.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The HTTP side of {@code animerec serve}, on the JDK's own {@link HttpServer} (no dependency; a fixed pool of
 * threads, each request answered from memory): routes to {@link Api}, JSON errors with a 4xx status (a 500 says only
 * "internal error" and is logged once to stderr), the page at {@code /}, the metrics, and {@code POST /reload}, which
 * builds a new {@link ServingState} with the loader and swaps it in atomically.
 */
public final class HttpFront implements AutoCloseable {
    static {
        // The JDK server writes a response's headers and body separately; with Nagle's algorithm on, a client that
        // delays its ACK holds the body back by up to 40 ms on every keep-alive request (measured: every route's
        // p50 was 44 ms under bench-serve). The server reads this once, when its first class loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final AtomicReference<ServingState> state;
    private final Supplier<ServingState> loader;
    private final Api api;
    private final Metrics metrics = new Metrics();
    private final HttpServer server;
    private final ExecutorService pool;
    private final java.util.concurrent.locks.ReentrantLock reloading = new java.util.concurrent.locks.ReentrantLock();
    private final byte[] page;

    /**
     * @param loader builds a fresh state for {@code POST /reload} (null: reloading is refused)
     */
    public HttpFront(ServingState initial, Supplier<ServingState> loader, String host, int port, int threads) throws IOException {
        this.state = new AtomicReference<>(initial);
        this.loader = loader;
        this.api = new Api(state::get);
        this.page = resource("index.html");
        this.server = HttpServer.create(new InetSocketAddress(host, port), 256);
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "serve-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = HttpFront.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the serve page " + name + " is missing from the build");
            }
            return in.readAllBytes();
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public ServingState state() {
        return state.get();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private void handle(HttpExchange x) throws IOException {
        long t0 = System.nanoTime();
        String path = x.getRequestURI().getRawPath();
        String route = switch (path) {
            case "/", "/index.html", "/recommend", "/similar", "/items", "/models", "/health", "/metrics", "/reload" -> path;
            default -> "other";
        };
        int status;
        try {
            status = answer(x, path);
        } catch (Api.Failure f) {
            status = send(x, f.status(), error(f.status(), f.getMessage()));
        } catch (RuntimeException e) {
            System.err.println("serve: internal error on " + path + ": " + e);
            status = send(x, 500, error(500, "internal error"));
        } finally {
            x.close();
        }
        metrics.record(route, status, System.nanoTime() - t0);
    }

    private int answer(HttpExchange x, String path) throws IOException {
        String method = x.getRequestMethod();
        String raw = x.getRequestURI().getRawQuery();
        if (path.equals("/reload")) {
            if (!method.equals("POST")) {
                throw new Api.Failure(405, "use POST /reload");
            }
            return send(x, 200, reload());
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new Api.Failure(405, method + " is not answered here; use GET");
        }
        return switch (path) {
            case "/", "/index.html" -> sendBytes(x, 200, "text/html; charset=utf-8", page);
            case "/recommend" -> send(x, 200, api.recommend(raw));
            case "/similar" -> send(x, 200, api.similar(raw));
            case "/items" -> send(x, 200, api.items(raw));
            case "/models" -> send(x, 200, api.models(raw));
            case "/health" -> send(x, 200, api.health());
            case "/metrics" -> send(x, 200, metrics.json());
            default -> throw new Api.Failure(404, "no such path " + (path.length() > 60 ? path.substring(0, 60) + "..." : path)
                    + " (try /recommend, /similar, /items, /models, /health, /metrics)");
        };
    }

    /** Builds a new state and swaps it in; one reload at a time (a second one meanwhile gets 409). */
    private ObjectNode reload() {
        if (loader == null) {
            throw new Api.Failure(409, "this server was started without a registry to reload from");
        }
        if (!reloading.tryLock()) {
            throw new Api.Failure(409, "a reload is already running");
        }
        try {
            ServingState before = state.get();
            ServingState next;
            try {
                next = loader.get();
            } catch (animerec.util.UserError e) {
                throw new Api.Failure(409, "reload failed, still serving the previous models: " + e.getMessage());
            }
            state.set(next);
            ObjectNode out = Json.object();
            before.keys().forEach(out.putArray("before")::add);
            next.keys().forEach(out.putArray("served")::add);
            out.put("load_seconds", next.loadSeconds());
            return out;
        } finally {
            reloading.unlock();
        }
    }

    static ObjectNode error(int status, String message) {
        return Json.object().put("error", message).put("status", status);
    }

    private static int send(HttpExchange x, int status, ObjectNode body) throws IOException {
        return sendBytes(x, status, "application/json; charset=utf-8", Json.compact(body).getBytes(StandardCharsets.UTF_8));
    }

    private static int sendBytes(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = x.getRequestMethod().equals("HEAD");
        x.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
        return status;
    }
}
