package animerec.bench;

import animerec.serve.Metrics;
import animerec.util.Json;
import animerec.util.Progress;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded load test of a running {@code animerec serve} on this machine: a seeded list of requests, one third
 * each {@code /recommend?user=}, {@code /similar?item=} (every kind served, as the page asks) and
 * {@code /recommend?liked=} (3 liked items), drawn from the server's own {@code /models?examples=} users and
 * training items; {@code clients} threads take the next request from the list until it is used up, each timing its
 * request from send to the last byte of the body, each on its own keep-alive connection (a request the server closed
 * it on while idle is sent once more on a new one). A warm-up list of the same mix runs first and is reported apart.
 * An answer counts as an error unless it is a 200 with a JSON object of the route's shape (a non-empty {@code items}
 * list for {@code /recommend}, a {@code lists} array for {@code /similar}). Only loopback addresses are accepted.
 */
public record ServeLoad(String url, int requests, int warmup, int clients, int k, long seed) {
    /** The routes, in the order the list cycles through them. */
    static final List<String> ROUTES = List.of("/recommend?user=", "/similar", "/recommend?liked=");

    public ServeLoad {
        URI u = URI.create(url);
        if (!"http".equals(u.getScheme()) || u.getHost() == null
                || !(u.getHost().equals("127.0.0.1") || u.getHost().equals("localhost") || u.getHost().equals("[::1]"))) {
            throw new UserError("--url must be http://127.0.0.1:PORT (a server on this machine), got " + url);
        }
        if (requests < 3 || warmup < 0 || clients < 1 || clients > 64 || k < 1) {
            throw new UserError("need --requests >= 3, --warmup >= 0, --clients in 1..64 and --k >= 1");
        }
    }

    /** What one request was and how it went. */
    private record Shot(int route, String path) {
    }

    /** Runs the warm-up and the measured list; the results as JSON. */
    public ObjectNode run() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        JsonNode models = get(http, "/models?examples=" + 100_000);
        long[] users = ids(models.path("models").path(0).path("example_users"));
        String defaultModel = models.path("default").asText();
        for (JsonNode m : models.path("models")) {
            if (m.path("model").asText().equals(defaultModel)) {
                users = ids(m.path("example_users"));
            }
        }
        long[] items = ids(models.path("example_items"));
        if (users.length == 0 || items.length < 3) {
            throw new UserError(url + "/models gives " + users.length + " users and " + items.length
                    + " training items; need a served model with users and at least 3 items");
        }
        Random random = new Random(seed);
        List<Shot> warm = shots(warmup, users, items, random);
        List<Shot> measured = shots(requests, users, items, random);
        Progress.line("bench-serve: %s, default model %s, %,d users and %,d items to draw from; %d clients",
                url, defaultModel, users.length, items.length, clients);
        long t0 = System.nanoTime();
        Outcome w = fire(warm);
        Progress.line("bench-serve: warm-up %,d requests in %.1f s (%d errors)", warmup, Progress.seconds(t0), w.errors());
        t0 = System.nanoTime();
        Outcome o = fire(measured);
        double seconds = Progress.seconds(t0);
        Progress.line("bench-serve: %,d requests in %.1f s, %.0f requests/s, %d errors", requests, seconds,
                requests / seconds, o.errors());

        ObjectNode out = Json.object();
        out.put("url", url).put("default_model", defaultModel).put("clients", clients).put("k", k).put("seed", seed);
        out.put("requests", requests).put("warmup_requests", warmup).put("seconds", seconds)
                .put("throughput_per_s", requests / seconds).put("errors", o.errors()).put("warmup_errors", w.errors());
        ObjectNode routes = out.putObject("routes");
        for (int r = 0; r < ROUTES.size(); r++) {
            long[] ns = o.latencies(r);
            Arrays.sort(ns);
            ObjectNode j = routes.putObject(ROUTES.get(r));
            j.put("requests", ns.length).put("errors", o.errorsOf(r))
                    .put("p50_ms", ms(Metrics.percentile(ns, 0.50))).put("p90_ms", ms(Metrics.percentile(ns, 0.90)))
                    .put("p99_ms", ms(Metrics.percentile(ns, 0.99))).put("max_ms", ns.length == 0 ? 0 : ms(ns[ns.length - 1]));
            Progress.line("  %-18s %,7d requests  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %7.2f ms  errors %d",
                    ROUTES.get(r), ns.length, j.path("p50_ms").asDouble(), j.path("p90_ms").asDouble(),
                    j.path("p99_ms").asDouble(), j.path("max_ms").asDouble(), o.errorsOf(r));
        }
        if (!o.firstErrors().isEmpty()) {
            ArrayNode e = out.putArray("first_errors");
            o.firstErrors().forEach(e::add);
        }
        out.set("server_metrics", get(http, "/metrics"));
        return out;
    }

    private List<Shot> shots(int n, long[] users, long[] items, Random random) {
        List<Shot> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int route = i % ROUTES.size();
            String path = switch (route) {
                case 0 -> "/recommend?user=" + users[random.nextInt(users.length)] + "&k=" + k;
                case 1 -> "/similar?item=" + items[random.nextInt(items.length)] + "&k=" + k;
                default -> {
                    long a = items[random.nextInt(items.length)];
                    long b = items[random.nextInt(items.length)];
                    long c = items[random.nextInt(items.length)];
                    yield "/recommend?liked=" + a + "," + b + "," + c + "&k=" + k;
                }
            };
            out.add(new Shot(route, path));
        }
        return out;
    }

    /** Latencies and errors of one list. */
    private record Outcome(long[][] byRoute, int[] counts, int[] errorsByRoute, List<String> firstErrors) {
        long[] latencies(int route) {
            return Arrays.copyOf(byRoute[route], counts[route]);
        }

        int errorsOf(int route) {
            return errorsByRoute[route];
        }

        int errors() {
            return Arrays.stream(errorsByRoute).sum();
        }
    }

    /**
     * One client's keep-alive HTTP/1.1 connection, written and read directly on a socket: the JDK's HttpClient spent
     * about as much CPU per request as the server did (measured), and on 2 cores the load generator's CPU is taken
     * from the server being measured.
     */
    static final class Connection implements AutoCloseable {
        private final String host;
        private final int port;
        private java.net.Socket socket;
        private java.io.InputStream in;
        private java.io.OutputStream out;

        Connection(URI base) {
            this.host = base.getHost();
            this.port = base.getPort() < 0 ? 80 : base.getPort();
        }

        /** No byte of an answer came: the server had closed the connection (or reset it) before reading the request. */
        private static final class NoAnswer extends IOException {
            private static final long serialVersionUID = 1L;

            NoAnswer(String message, Throwable cause) {
                super(message, cause);
            }
        }

        /**
         * The status and body of {@code GET path}. A kept-alive connection that the server closed while idle gives
         * no byte of an answer: then the request is sent once more, on a new connection (a GET may be repeated).
         */
        Response get(String path) throws IOException {
            boolean reused = socket != null;
            try {
                return send(path);
            } catch (NoAnswer e) {
                close();
                if (!reused) {
                    throw e;
                }
                return send(path);
            }
        }

        private Response send(String path) throws IOException {
            if (socket == null) {
                socket = new java.net.Socket(host, port);
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(30_000);
                in = new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16);
                out = new java.io.BufferedOutputStream(socket.getOutputStream());
            }
            int first;
            try {
                out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
                first = in.read();
            } catch (java.net.SocketTimeoutException e) {
                throw e; // a slow server, not a closed connection
            } catch (IOException e) {
                throw new NoAnswer("the connection failed before an answer: " + e, e);
            }
            if (first < 0) {
                throw new NoAnswer("the server closed the connection before an answer", null);
            }
            String status = (char) first + line();
            int code = Integer.parseInt(status.split(" ")[1]);
            int length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                String lower = h.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            byte[] body;
            if (chunked) {
                java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
                for (int n = Integer.parseInt(line().trim(), 16); n > 0; n = Integer.parseInt(line().trim(), 16)) {
                    b.write(in.readNBytes(n));
                    line();
                }
                line();
                body = b.toByteArray();
            } else {
                body = length < 0 ? in.readAllBytes() : in.readNBytes(length);
            }
            if (close || length < 0 && !chunked) {
                close();
            }
            return new Response(code, body);
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new java.io.EOFException("the server closed the connection");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }

    record Response(int status, byte[] body) {
    }

    private Outcome fire(List<Shot> shots) throws InterruptedException {
        int n = shots.size();
        long[] latency = new long[n];
        boolean[] failed = new boolean[n];
        List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        URI base = URI.create(url);
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                try (Connection conn = new Connection(base)) {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        Shot s = shots.get(i);
                        long t = System.nanoTime();
                        String problem;
                        try {
                            Response r = conn.get(s.path());
                            latency[i] = System.nanoTime() - t;
                            problem = check(s, r.status(), r.body());
                        } catch (IOException | RuntimeException e) {
                            latency[i] = System.nanoTime() - t;
                            problem = e.toString();
                            conn.close();
                        }
                        if (problem != null) {
                            failed[i] = true;
                            if (firstErrors.size() < 5) {
                                firstErrors.add(s.path() + ": " + problem);
                            }
                        }
                    }
                }
            }));
        }
        pool.shutdown();
        for (Future<?> f : done) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a client failed", e.getCause());
            }
        }
        long[][] byRoute = new long[ROUTES.size()][n];
        int[] counts = new int[ROUTES.size()];
        int[] errors = new int[ROUTES.size()];
        for (int i = 0; i < n; i++) {
            int r = shots.get(i).route();
            byRoute[r][counts[r]++] = latency[i];
            errors[r] += failed[i] ? 1 : 0;
        }
        return new Outcome(byRoute, counts, errors, List.copyOf(firstErrors));
    }

    /**
     * Null when the answer is a 200 with a JSON object of the route's shape (a non-empty {@code items} list, or
     * {@code lists} for {@code /similar}), else what is wrong with it. Checked on the bytes, without parsing, to keep
     * the load generator's CPU off the server's 2 cores; the answers' content is what the tests check.
     */
    private static String check(Shot s, int status, byte[] body) {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        if (status != 200) {
            return "status " + status + ": " + text.substring(0, Math.min(text.length(), 200));
        }
        boolean object = text.startsWith("{") && text.endsWith("}");
        boolean ok = object && text.contains(s.route() == 1 ? "\"lists\":[{\"kind\"" : "\"items\":[{\"item\"");
        return ok ? null : "200 without " + (s.route() == 1 ? "lists" : "items") + ": "
                + text.substring(0, Math.min(text.length(), 200));
    }

    private JsonNode get(HttpClient http, String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.net.ConnectException e) {
            throw new UserError(url + ": nothing answers there (start `animerec serve` first)");
        }
        if (r.statusCode() != 200) {
            throw new UserError(url + path + " answered " + r.statusCode());
        }
        return Json.MAPPER.readTree(r.body());
    }

    private static long[] ids(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    private static double ms(long ns) {
        return Math.round(ns / 1e4) / 100.0;
    }
}
