package animerec.serve;

import animerec.model.serving.Query;
import animerec.model.serving.ReasonServing;
import animerec.model.serving.Scored;
import animerec.model.serving.SourcedServing;
import animerec.util.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The server's answers, as plain functions of the current {@link ServingState} and a request's path and query string
 * (no HTTP here, so every answer is testable without a socket). Bad input is a {@link Failure}: a 4xx status and a
 * one-line message, which the front end sends as {@code {"error": ..., "status": ...}}.
 */
public final class Api {
    /** The most items a list may have (k), liked items a query may give, and search results. */
    public static final int MAX_K = 1000;
    public static final int MAX_LIKED = 1000;
    public static final int MAX_SEARCH = 100;
    /** The longest query string answered (longer ones get 414). */
    public static final int MAX_QUERY_CHARS = 8192;

    /** A request the server refuses: its status (4xx) and message. */
    public static final class Failure extends RuntimeException {
        private final int status;

        public Failure(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Supplier<ServingState> state;

    public Api(Supplier<ServingState> state) {
        this.state = state;
    }

    /** The query string's parameters (decoded; a repeated name keeps its last value). */
    static Map<String, String> params(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        if (rawQuery.length() > MAX_QUERY_CHARS) {
            throw new Failure(414, "the query string has " + rawQuery.length() + " characters; at most " + MAX_QUERY_CHARS);
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.put(name, value);
            } catch (IllegalArgumentException e) {
                throw new Failure(400, "the query string is not URL-encoded correctly near '" + shorten(pair) + "'");
            }
        }
        return out;
    }

    private static String shorten(String s) {
        String clean = s.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
    }

    static void only(Map<String, String> p, String... allowed) {
        List<String> names = Arrays.asList(allowed);
        for (String n : p.keySet()) {
            if (!names.contains(n)) {
                throw new Failure(400, "unknown parameter '" + shorten(n) + "' (expected " + String.join(", ", allowed) + ")");
            }
        }
    }

    static long id(String value, String name) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new Failure(400, name + " must be a whole number, got '" + shorten(value) + "'");
        }
    }

    static int k(Map<String, String> p) {
        String v = p.get("k");
        if (v == null) {
            return 10;
        }
        long k;
        try {
            k = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new Failure(400, "k must be a whole number, got '" + shorten(v) + "'");
        }
        if (k < 1 || k > MAX_K) {
            throw new Failure(400, "k must be between 1 and " + MAX_K + ", got " + k);
        }
        return (int) k;
    }

    private ObjectNode item(ServingState s, long id) {
        ObjectNode o = Json.object();
        o.put("item", id);
        Catalogue.Item i = s.catalogue().get(id);
        if (i != null) {
            o.put("name", i.name());
            ArrayNode g = o.putArray("genres");
            i.genres().forEach(g::add);
            o.put("type", i.type());
        }
        return o;
    }

    private ServedModel model(ServingState s, Map<String, String> p) {
        if (s.models().isEmpty()) {
            throw new Failure(404, "no model is served");
        }
        ServedModel m = s.model(p.get("model"));
        if (m == null) {
            throw new Failure(404, "model '" + shorten(p.get("model")) + "' is not served (served: "
                    + String.join(", ", s.keys()) + ")");
        }
        return m;
    }

    /** {@code GET /recommend?user=ID | liked=ID,ID,...  [&k=10] [&model=NAME[@vX.Y]]}. */
    public ObjectNode recommend(String rawQuery) {
        ServingState s = state.get();
        Map<String, String> p = params(rawQuery);
        only(p, "user", "liked", "k", "model");
        if (p.containsKey("user") == p.containsKey("liked")) {
            throw new Failure(400, "give exactly one of user=ID or liked=ID,ID,...");
        }
        int k = k(p);
        ServedModel m = model(s, p);
        ObjectNode out = Json.object();
        out.put("model", m.key());
        out.put("family", m.family());
        out.put("k", k);
        Query q;
        List<Scored> list;
        Map<Long, SourcedServing.Explained> explained = new LinkedHashMap<>();
        if (p.containsKey("user")) {
            long user = id(p.get("user"), "user");
            long[] history = m.train().of(user);
            if (history == null) {
                throw new Failure(404, "unknown user " + user + ": not in the training data of " + m.key()
                        + " (for a new user, give liked=ID,ID,...)");
            }
            q = new Query(user, history);
            out.put("user", user);
            out.put("history", history.length);
            // the batch harness's candidate rule: top 2k, then only items seen in training, then the first k
            list = m.train().firstCandidates(top(m, q, 2 * k, explained), k);
        } else {
            long[] liked = liked(s, m, p.get("liked"));
            if (!m.model().foldsIn()) {
                throw new Failure(400, m.key() + " cannot recommend from liked items alone (it scores only users it "
                        + "was trained on); use a hybrid, a content model, item-knn, popularity or implicit als");
            }
            q = Query.liked(liked);
            ArrayNode l = out.putArray("liked");
            Arrays.stream(q.history()).forEach(l::add);
            list = top(m, q, k, explained);
            if (list.isEmpty()) {
                out.put("note", m.key() + " has nothing to say about these items (none of them has features or factors)");
            }
        }
        ArrayNode items = out.putArray("items");
        if (m.model() instanceof SourcedServing h) {
            out.put("header", h.header());
            ArrayNode w = out.putArray("weights");
            for (SourcedServing.Source c : h.weights()) {
                w.addObject().put("component", c.component()).put("weight", c.normalised());
            }
            int rank = 0;
            for (Scored x : list) {
                ObjectNode o = item(s, x.item()).put("rank", ++rank).put("score", x.score());
                SourcedServing.Explained e = explained.get(x.item());
                if (e != null) {
                    ArrayNode src = o.putArray("sources");
                    for (SourcedServing.Source c : e.sources()) {
                        src.addObject().put("component", c.component()).put("rank", c.rank()).put("normalised", c.normalised());
                    }
                    o.put("why", e.why());
                }
                items.add(o);
            }
        } else {
            int rank = 0;
            for (Scored x : list) {
                ObjectNode o = item(s, x.item()).put("rank", ++rank).put("score", x.score());
                if (m.model() instanceof ReasonServing r) {
                    o.put("why", r.why(q, x.item()));
                }
                items.add(o);
            }
        }
        ArrayNode because = out.putArray("because"); // the history the page shows ("because you watched ...")
        long[] h = q.history();
        for (int i = 0; i < h.length && i < 20; i++) {
            because.add(item(s, h[i]));
        }
        return out;
    }

    /** The model's top {@code n}; a hybrid's with sources and reasons, kept in {@code explained} by item. */
    private static List<Scored> top(ServedModel m, Query q, int n, Map<Long, SourcedServing.Explained> explained) {
        if (m.model() instanceof SourcedServing h) {
            List<Scored> out = new ArrayList<>();
            for (SourcedServing.Explained e : h.recommendExplained(q, n)) {
                explained.put(e.item(), e);
                out.add(new Scored(e.item(), e.score()));
            }
            return out;
        }
        return m.model().recommend(q, n);
    }

    private static long[] liked(ServingState s, ServedModel m, String value) {
        String[] parts = value.split(",", -1);
        if (value.isBlank() || parts.length > MAX_LIKED) {
            throw new Failure(400, "liked must list 1 to " + MAX_LIKED + " item ids separated by commas");
        }
        long[] ids = new long[parts.length];
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isBlank()) {
                throw new Failure(400, "liked has an empty entry at position " + (i + 1) + ": '" + shorten(value) + "'");
            }
            ids[i] = id(parts[i], "liked item " + (i + 1));
            if (!(s.catalogue().contains(ids[i]) || m.train().hasItem(ids[i]))) {
                unknown.add(ids[i]);
            }
        }
        if (!unknown.isEmpty()) {
            throw new Failure(404, "unknown item(s) " + unknown.subList(0, Math.min(5, unknown.size()))
                    + (unknown.size() > 5 ? " and " + (unknown.size() - 5) + " more" : "") + ": not in the catalogue");
        }
        return ids;
    }

    /** {@code GET /similar?item=ID [&k=10] [&kind=genre|tfidf|embedding|cf]}: one list per kind asked (all when none). */
    public ObjectNode similar(String rawQuery) {
        ServingState s = state.get();
        Map<String, String> p = params(rawQuery);
        only(p, "item", "k", "kind");
        if (!p.containsKey("item")) {
            throw new Failure(400, "give item=ID");
        }
        long id = id(p.get("item"), "item");
        int k = k(p);
        List<SimilarSource> sources = new ArrayList<>();
        if (p.containsKey("kind")) {
            String kind = p.get("kind").trim().toLowerCase(Locale.ROOT);
            SimilarSource src = s.similar().get(kind);
            if (src == null) {
                throw new Failure(s.similar().isEmpty() || List.of("genre", "tfidf", "embedding", "cf").contains(kind) ? 404 : 400,
                        "kind '" + shorten(p.get("kind")) + "' is not served (served: "
                                + (s.similar().isEmpty() ? "none" : String.join(", ", s.similar().keySet())) + ")");
            }
            sources.add(src);
        } else {
            sources.addAll(s.similar().values());
        }
        boolean known = s.catalogue().contains(id) || s.models().values().stream().anyMatch(m -> m.train().hasItem(id));
        if (!known) {
            throw new Failure(404, "unknown item " + id + ": not in the catalogue");
        }
        ObjectNode out = Json.object();
        out.set("item", item(s, id));
        out.put("k", k);
        Catalogue.Item seed = s.catalogue().get(id);
        ArrayNode lists = out.putArray("lists");
        for (SimilarSource src : sources) {
            ObjectNode l = lists.addObject().put("kind", src.kind()).put("source", src.source());
            ArrayNode items = l.putArray("items");
            int rank = 0;
            for (Scored x : src.similar(id, k)) {
                ObjectNode o = item(s, x.item()).put("rank", ++rank).put("score", x.score());
                String why = sharedGenres(seed, s.catalogue().get(x.item()));
                if (src.kind().equals("cf")) {
                    why = String.format(Locale.ROOT, "neighbour similarity %.3f", x.score()) + (why == null ? "" : "; " + why);
                }
                o.put("why", why);
                items.add(o);
            }
        }
        return out;
    }

    private static String sharedGenres(Catalogue.Item a, Catalogue.Item b) {
        if (a == null || b == null) {
            return null;
        }
        LinkedHashSet<String> shared = new LinkedHashSet<>(b.genres());
        shared.retainAll(new LinkedHashSet<>(a.genres()));
        return shared.isEmpty() ? null : "shared genres: " + String.join(", ", shared);
    }

    /** {@code GET /items?q=TEXT [&limit=20]}. */
    public ObjectNode items(String rawQuery) {
        ServingState s = state.get();
        Map<String, String> p = params(rawQuery);
        only(p, "q", "limit");
        String q = p.get("q");
        if (q == null || q.isBlank()) {
            throw new Failure(400, "give q=TEXT, part of a name");
        }
        if (q.length() > 200) {
            throw new Failure(400, "q has " + q.length() + " characters; at most 200");
        }
        int limit = 20;
        if (p.containsKey("limit")) {
            long l = id(p.get("limit"), "limit");
            if (l < 1 || l > MAX_SEARCH) {
                throw new Failure(400, "limit must be between 1 and " + MAX_SEARCH + ", got " + l);
            }
            limit = (int) l;
        }
        if (s.catalogue().isEmpty()) {
            throw new Failure(404, "no items table is served (start serve with --data DIR)");
        }
        ObjectNode out = Json.object().put("q", q);
        ArrayNode items = out.putArray("items");
        for (Catalogue.Item i : s.catalogue().search(q, limit)) {
            items.add(item(s, i.id()));
        }
        return out;
    }

    /** The most example ids {@code /models?examples=N} gives per list. */
    public static final int MAX_EXAMPLES = 100_000;

    /** {@link #models(String)} with 5 examples. */
    public ObjectNode models() {
        return models(null);
    }

    /**
     * {@code GET /models [?examples=5]}: what is served, with each model's abilities, up to {@code examples} of its
     * users (ascending), the default model's training items (ascending, as many) and the similar kinds.
     */
    public ObjectNode models(String rawQuery) {
        ServingState s = state.get();
        Map<String, String> p = params(rawQuery);
        only(p, "examples");
        int examples = 5;
        if (p.containsKey("examples")) {
            long n = id(p.get("examples"), "examples");
            if (n < 1 || n > MAX_EXAMPLES) {
                throw new Failure(400, "examples must be between 1 and " + MAX_EXAMPLES + ", got " + n);
            }
            examples = (int) n;
        }
        ObjectNode out = Json.object();
        out.put("default", s.defaultModel());
        ArrayNode ms = out.putArray("models");
        for (ServedModel m : s.models().values()) {
            ObjectNode o = ms.addObject().put("model", m.key()).put("name", m.name()).put("version", m.version())
                    .put("family", m.family()).put("users", m.train().users()).put("liked", m.model().foldsIn())
                    .put("explained", m.model() instanceof SourcedServing || m.model() instanceof ReasonServing);
            ArrayNode ex = o.putArray("example_users");
            Arrays.stream(m.train().someUsers(examples)).forEach(ex::add);
        }
        ArrayNode items = out.putArray("example_items");
        Arrays.stream(s.models().get(s.defaultModel()).train().someItems(examples)).forEach(items::add);
        ArrayNode kinds = out.putArray("similar");
        s.similar().values().forEach(src -> kinds.addObject().put("kind", src.kind()).put("source", src.source()));
        out.put("items", s.catalogue().size());
        return out;
    }

    /** {@code GET /health}. */
    public ObjectNode health() {
        ServingState s = state.get();
        ObjectNode out = Json.object().put("status", "ok").put("models", s.models().size())
                .put("loaded_at", s.loadedAt().toString()).put("load_seconds", s.loadSeconds());
        ArrayNode keys = out.putArray("served");
        s.keys().forEach(keys::add);
        return out;
    }
}
