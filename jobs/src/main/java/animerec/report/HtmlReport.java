package animerec.report;

import animerec.util.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The report as one self-contained HTML page: inline CSS, inline SVG plots, a few lines of inline script to sort the
 * leaderboard; nothing loaded from anywhere at view time. Each plot has a one-line caption saying what to read from it.
 */
public final class HtmlReport {
    private final ReportInputs in;
    private final String title;
    private final String generated;
    private final int headlineK;
    private final StringBuilder html = new StringBuilder();
    private final List<String[]> toc = new ArrayList<>();
    private final StringBuilder body = new StringBuilder();

    private HtmlReport(ReportInputs in, String title, String generated) {
        this.in = in;
        this.title = title;
        this.generated = generated;
        this.headlineK = headlineK(in.runs());
    }

    /**
     * @param generated when the report was made (shown in its header; passed in so that a test can pin it)
     */
    public static String render(ReportInputs in, String title, String generated) {
        return new HtmlReport(in, title, generated).page();
    }

    /** 10 when every run was evaluated at 10 (else the K the most runs share). */
    static int headlineK(List<ReportInputs.Run> runs) {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (ReportInputs.Run r : runs) {
            for (String key : r.metrics().keySet()) {
                if (key.startsWith("ndcg@")) {
                    counts.merge(Integer.parseInt(key.substring(5)), 1, Integer::sum);
                }
            }
        }
        if (counts.getOrDefault(10, 0) == runs.size() && !runs.isEmpty()) {
            return 10;
        }
        return counts.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse(10);
    }

    private String page() {
        if (!in.runs().isEmpty()) {
            leaderboard();
            curves();
            qualityAgainstCost();
            popularityBias();
            activity();
            hybrids();
        }
        datasets();
        studies();
        if (!in.runs().isEmpty()) {
            manifestEntries();
        }
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(css()).append(Plots.css())
                .append("</style>\n</head>\n<body>\n<header><h1>").append(esc(title)).append("</h1>\n<p class=\"meta\">")
                .append(esc(generated)).append(" · ").append(in.runs().size()).append(" model versions · ")
                .append(in.studies().size()).append(" tuning studies · headline K = ").append(headlineK).append("</p>\n");
        for (String note : in.notes()) {
            html.append("<p class=\"note\">").append(esc(note)).append("</p>\n");
        }
        html.append("<nav><ul>");
        for (String[] t : toc) {
            html.append("<li><a href=\"#").append(t[0]).append("\">").append(esc(t[1])).append("</a></li>");
        }
        html.append("</ul></nav>\n</header>\n<main>\n").append(body).append("</main>\n<script>\n").append(SCRIPT)
                .append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    private void section(String id, String heading) {
        toc.add(new String[] {id, heading});
        body.append("<section id=\"").append(id).append("\">\n<h2>").append(esc(heading)).append("</h2>\n");
    }

    private void endSection() {
        body.append("</section>\n");
    }

    /** A plot with its caption (what to read from it). */
    private void figure(String svg, String caption) {
        body.append("<figure class=\"plot\">").append(svg).append("<figcaption>").append(esc(caption))
                .append("</figcaption></figure>\n");
    }

    private void para(String cls, String text) {
        body.append("<p class=\"").append(cls).append("\">").append(esc(text)).append("</p>\n");
    }

    // ---- leaderboard ----------------------------------------------------------------------------------------------

    private void leaderboard() {
        section("leaderboard", "Leaderboard");
        para("caption", "Every evaluated model version, best NDCG@" + headlineK + " first; click a column to sort. "
                + "Each row links to its manifest entry (seed, data fingerprint, code version, configuration).");
        String k = "@" + headlineK;
        String[] metricCols = {"ndcg" + k, "recall" + k, "precision" + k, "map" + k, "hit_rate" + k, "coverage" + k, "mrr"};
        body.append("<div class=\"wide\"><table class=\"board sortable\" id=\"board\"><thead><tr><th data-type=\"text\">model</th>")
                .append("<th data-type=\"text\">version</th>");
        for (String c : metricCols) {
            body.append("<th data-type=\"num\">").append(esc(c)).append("</th>");
        }
        body.append("<th data-type=\"num\">fit s</th><th data-type=\"num\">users</th><th data-type=\"text\">split</th>")
                .append("<th data-type=\"text\">data fingerprint</th><th data-type=\"num\">seed</th>")
                .append("<th data-type=\"text\">code version</th></tr></thead>\n<tbody>\n");
        List<ReportInputs.Run> rows = new ArrayList<>(in.runs());
        rows.sort(Comparator.comparingDouble((ReportInputs.Run r) -> -r.metrics().getOrDefault("ndcg" + k, -1.0)));
        for (ReportInputs.Run r : rows) {
            JsonNode e = in.entries().get(r.key());
            body.append("<tr><td>").append(esc(r.model())).append("</td><td>");
            if (e != null) {
                body.append("<a href=\"#").append(anchor(r.key())).append("\">").append(esc(r.version())).append("</a>");
            } else {
                body.append(esc(r.version()));
            }
            body.append("</td>");
            for (String c : metricCols) {
                Double v = r.metrics().get(c);
                body.append("<td class=\"num\">").append(v == null ? "" : fmt(v, 4)).append("</td>");
            }
            body.append("<td class=\"num\">").append(fmt(r.fitSeconds(), 1)).append("</td><td class=\"num\">")
                    .append(r.metrics().containsKey("users") ? String.valueOf(r.metrics().get("users").longValue()) : "")
                    .append("</td><td>").append(esc(r.splitId())).append("</td><td><code>").append(esc(r.dataFingerprint()))
                    .append("</code></td><td class=\"num\">").append(e == null ? "" : esc(e.path("seed").asText()))
                    .append("</td><td>").append(e == null ? "" : esc(e.path("code_version").asText())).append("</td></tr>\n");
        }
        body.append("</tbody></table></div>\n");
        endSection();
    }

    // ---- metric@K curves ------------------------------------------------------------------------------------------

    private void curves() {
        section("curves", "Metrics at K");
        List<ReportInputs.Run> with = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (ReportInputs.Run r : in.runs()) {
            if (r.diagnostics() != null && r.diagnostics().has("curve")) {
                with.add(r);
            } else {
                without.add(r.key());
            }
        }
        if (!without.isEmpty()) {
            para("note", "No curves for " + String.join(", ", without)
                    + " (evaluated with evaluation.curve_k 0, or before the report existed).");
        }
        String[][] metrics = {{"ndcg", "NDCG@K"}, {"recall", "Recall@K"}, {"precision", "Precision@K"}};
        String[] captions = {
            "How ranking quality grows with the list length: a model above another at every K is better for any list size; crossing curves mean the choice depends on how many items you show.",
            "The share of each user's held-out items found in the top K: it rises with K; a steep start means the hits come early.",
            "The share of the top K that is relevant: it usually falls with K; the height at small K is what a short carousel shows."};
        for (int m = 0; m < metrics.length; m++) {
            List<Plots.Series> series = new ArrayList<>();
            for (ReportInputs.Run r : with) {
                JsonNode c = r.diagnostics().get("curve");
                double[] y = doubles(c.get(metrics[m][0]));
                double[] x = new double[y.length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = i + 1;
                }
                series.add(new Plots.Series(label(r), x, y, null));
            }
            figure(Plots.line(metrics[m][1] + " for K = 1.." + maxLength(with), "K", false, metrics[m][1], false, series, false),
                    captions[m]);
        }
        endSection();
    }

    private static int maxLength(List<ReportInputs.Run> runs) {
        return runs.stream().mapToInt(r -> r.diagnostics().path("curve").path("max_k").asInt()).max().orElse(0);
    }

    // ---- quality against cost -------------------------------------------------------------------------------------

    private void qualityAgainstCost() {
        section("cost", "Quality against cost");
        String key = "ndcg@" + headlineK;
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ReportInputs.Run r : in.runs()) {
            Double v = r.metrics().get(key);
            if (v != null) {
                xs.add(Math.max(r.fitSeconds(), 0.01));
                ys.add(v);
                names.add(label(r));
            }
        }
        List<Plots.Series> series = List.of(new Plots.Series("models", xs.stream().mapToDouble(Double::doubleValue).toArray(),
                ys.stream().mapToDouble(Double::doubleValue).toArray(), names.toArray(String[]::new)));
        figure(Plots.scatter("NDCG@" + headlineK + " against fit seconds", "fit seconds (log scale)", true, "NDCG@" + headlineK,
                false, series), "Up and to the left is better: a model to the right of another and no higher costs more for nothing; "
                + "the upper-left frontier is the set worth considering.");
        endSection();
    }

    // ---- popularity bias ------------------------------------------------------------------------------------------

    private void popularityBias() {
        section("popularity", "Popularity bias and coverage");
        String share = "share@" + headlineK;
        List<String> models = new ArrayList<>();
        List<double[]> shares = new ArrayList<>();
        double[] trainShare = null;
        List<String> without = new ArrayList<>();
        for (ReportInputs.Run r : in.runs()) {
            JsonNode ds = r.diagnostics() == null ? null : r.diagnostics().get("popularity_deciles");
            if (ds == null || ds.isEmpty()) {
                without.add(r.key());
                continue;
            }
            double[] v = new double[10];
            double[] t = new double[10];
            for (JsonNode d : ds) {
                int i = d.path("decile").asInt() - 1;
                if (i >= 0 && i < 10) {
                    v[i] = d.path(share).asDouble();
                    t[i] = d.path("train_share").asDouble();
                }
            }
            if (trainShare == null) {
                trainShare = t;
            }
            models.add(label(r));
            shares.add(v);
        }
        if (!without.isEmpty()) {
            para("note", "No popularity deciles for " + String.join(", ", without) + ".");
        }
        if (trainShare != null) {
            // three bands of deciles, one colour each, so that any number of models stays readable; the table below
            // has every decile
            List<String> cats = new ArrayList<>(List.of("train interactions"));
            cats.addAll(models);
            List<double[]> rows = new ArrayList<>(List.of(trainShare));
            rows.addAll(shares);
            String[] bands = {"decile 1 (most popular tenth)", "deciles 2–5", "deciles 6–10"};
            int[][] ranges = {{0, 1}, {1, 5}, {5, 10}};
            List<Plots.BarSeries> bars = new ArrayList<>();
            for (int b = 0; b < bands.length; b++) {
                double[] v = new double[rows.size()];
                for (int i = 0; i < rows.size(); i++) {
                    for (int d = ranges[b][0]; d < ranges[b][1]; d++) {
                        v[i] += rows.get(i)[d];
                    }
                }
                bars.add(new Plots.BarSeries(bands[b], v));
            }
            figure(Plots.bars("Share of top-" + headlineK + " slots by item popularity", "share of slots", cats, bars),
                    "Items are sorted by train interactions and cut into ten equal groups; a model whose first bar is tall "
                            + "mostly recommends blockbusters. The first group is the bands' share of train interactions, for reference.");
            body.append("<div class=\"wide\"><table class=\"board heat\" id=\"deciles\"><thead><tr><th>share of top-")
                    .append(headlineK).append(" slots</th>");
            for (int d = 1; d <= 10; d++) {
                body.append("<th>decile ").append(d).append("</th>");
            }
            body.append("</tr></thead><tbody>\n");
            for (int i = 0; i < rows.size(); i++) {
                body.append("<tr><td>").append(esc(cats.get(i))).append("</td>");
                for (double v : rows.get(i)) {
                    body.append("<td class=\"num\" style=\"background:rgba(0,114,178,")
                            .append(String.format(Locale.ROOT, "%.3f", Math.min(1.0, v))).append(")\">")
                            .append(String.format(Locale.ROOT, "%.1f%%", 100 * v)).append("</td>");
                }
                body.append("</tr>\n");
            }
            body.append("</tbody></table></div>\n");
            para("caption", "Every decile: the darker a cell, the larger its share; a row shaded like the train row "
                    + "recommends items as often as people interact with them.");
        }
        List<String> cats = new ArrayList<>();
        double[] coverage = new double[in.runs().size()];
        int i = 0;
        for (ReportInputs.Run r : in.runs()) {
            cats.add(label(r));
            coverage[i++] = r.metrics().getOrDefault("coverage@" + headlineK, 0.0);
        }
        figure(Plots.bars("Catalogue coverage@" + headlineK, "share of candidate items", cats,
                List.of(new Plots.BarSeries("coverage@" + headlineK, coverage))),
                "The share of the candidate items that appear in someone's top " + headlineK
                        + ": low coverage means most of the catalogue is never shown.");
        endSection();
    }

    // ---- user activity --------------------------------------------------------------------------------------------

    private void activity() {
        section("activity", "Quality by user activity");
        String key = "ndcg@" + headlineK;
        // the bins are those of each run's split; the three groups (few, medium, many) hold about a third of the
        // evaluated users each, cut at bin edges
        List<String> models = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        List<String> categories = null;
        String ranges = null;
        for (ReportInputs.Run r : in.runs()) {
            JsonNode bins = r.diagnostics() == null ? null : r.diagnostics().get("activity");
            if (bins == null || bins.isEmpty()) {
                continue;
            }
            ActivityGroups g = ActivityGroups.of(bins, key);
            if (categories == null) {
                categories = g.labels();
                ranges = g.describe();
            }
            if (g.labels().equals(categories)) {
                models.add(label(r));
                values.add(g.values());
            }
        }
        if (categories == null) {
            para("note", "No activity bins in these records.");
        } else {
            // one colour per group, the models side by side
            List<Plots.BarSeries> bars = new ArrayList<>();
            for (int g = 0; g < categories.size(); g++) {
                double[] v = new double[models.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = values.get(i)[g];
                }
                bars.add(new Plots.BarSeries(categories.get(g), v));
            }
            figure(Plots.bars("NDCG@" + headlineK + " for users with few, medium and many train interactions", key, models, bars),
                    "Each group holds about a third of the evaluated users (" + ranges + "); a model whose bars rise "
                            + "steeply serves heavy users and fails the light ones.");
        }
        endSection();
    }

    // ---- hybrids --------------------------------------------------------------------------------------------------

    private void hybrids() {
        List<ReportInputs.Run> hybrids = in.runs().stream().filter(r -> r.modelReport() != null
                && (r.modelReport().has("weights") || r.modelReport().has("components"))).toList();
        if (hybrids.isEmpty()) {
            return;
        }
        section("hybrids", "Hybrids");
        for (ReportInputs.Run r : hybrids) {
            JsonNode rep = r.modelReport();
            List<String> comps = new ArrayList<>();
            rep.path("components").forEach(c -> comps.add(c.isTextual() ? c.asText() : c.path("name").asText()));
            JsonNode weights = rep.path("weights");
            if (comps.isEmpty()) {
                weights.fieldNames().forEachRemaining(comps::add);
            }
            double[] w = new double[comps.size()];
            boolean anyWeight = false;
            for (int i = 0; i < comps.size(); i++) {
                JsonNode x = weights.isArray() ? weights.get(i) : weights.get(comps.get(i));
                if (x != null && x.isNumber()) {
                    w[i] = x.asDouble();
                    anyWeight = true;
                }
            }
            body.append("<h3>").append(esc(label(r))).append("</h3>\n");
            if (anyWeight) {
                figure(Plots.bars("Weights of " + label(r), "weight", comps, List.of(new Plots.BarSeries("weight", w))),
                        "What the blend gives each component; a zero weight means the weight search left that component out.");
            } else {
                para("note", label(r) + " keeps no weights (a fixed blend of " + String.join(", ", comps) + ").");
            }
            JsonNode val = rep.path("validation").path("component_ndcg");
            if (val.isObject() && val.size() > 0) {
                List<String> names = new ArrayList<>(comps);
                double[] v = new double[names.size() + 1];
                for (int i = 0; i < comps.size(); i++) {
                    v[i] = val.path(comps.get(i)).asDouble();
                }
                names.add(r.model() + " (blend)");
                v[comps.size()] = rep.path("validation").path("ndcg").asDouble();
                figure(Plots.bars("Validation NDCG of each component and of the blend (" + label(r) + ")", "validation NDCG",
                        names, List.of(new Plots.BarSeries("validation ndcg", v))),
                        "The blend should stand above its best component on the validation carve-out it was tuned on; "
                                + "if it does not, the best component alone is as good.");
            } else {
                para("note", label(r) + ": no validation figures (its weights were not searched on a carve-out).");
            }
        }
        endSection();
    }

    // ---- datasets -------------------------------------------------------------------------------------------------

    private void datasets() {
        Set<String> used = new LinkedHashSet<>();
        in.runs().forEach(r -> used.add(r.splitId()));
        List<JsonNode> splits = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : in.splits().entrySet()) {
            if ((used.isEmpty() || used.contains(e.getKey())) && e.getValue().has("stats")) {
                splits.add(e.getValue());
            }
        }
        if (splits.isEmpty() && in.runs().isEmpty()) {
            return;
        }
        section("dataset", "The data");
        if (splits.isEmpty()) {
            para("note", "No dataset statistics: the splits of these models were not found or were written before split.json "
                    + "recorded them (pass --split DIR, or split again).");
        }
        for (JsonNode s : splits) {
            JsonNode st = s.get("stats");
            body.append("<h3>").append(esc(s.path("split_id").asText())).append("</h3>\n");
            para("meta", String.format(Locale.ROOT, "%,d interactions (train %,d, test %,d), %,d unrated (%.1f%%); strategy %s",
                    st.path("interactions").asLong(), s.path("rows").path("train").asLong(), s.path("rows").path("test").asLong(),
                    st.path("unrated").asLong(), 100 * st.path("unrated_share").asDouble(), s.path("strategy").asText()));
            List<Plots.Series> degree = new ArrayList<>();
            degree.add(countOfCounts("users", st.path("users_by_interactions")));
            degree.add(countOfCounts("items", st.path("items_by_interactions")));
            figure(Plots.scatter("Interactions per user and per item (log-log)", "interactions", true, "number of users or items",
                    true, degree), "A straight falling line is a long tail: many users and items with few interactions, "
                    + "a few with very many; the items' tail is what a popularity baseline exploits.");
            List<String> cats = new ArrayList<>();
            List<Double> counts = new ArrayList<>();
            for (JsonNode b : st.path("ratings")) {
                double lo = b.path("min").asDouble();
                double hi = b.path("max").asDouble();
                cats.add(lo == hi ? num(lo) : num(lo) + "–" + num(hi));
                counts.add(b.path("count").asDouble());
            }
            if (st.path("unrated").asLong() > 0) {
                cats.add("unrated");
                counts.add(st.path("unrated").asDouble());
            }
            figure(Plots.bars("Rating histogram", "interactions", cats,
                    List.of(new Plots.BarSeries("interactions", counts.stream().mapToDouble(Double::doubleValue).toArray()))),
                    "How ratings spread over the scale; the last bar counts watched-but-unrated interactions, which "
                            + "only the implicit models (and relevance = all) use.");
        }
        endSection();
    }

    private static Plots.Series countOfCounts(String name, JsonNode pairs) {
        double[] x = new double[pairs.size()];
        double[] y = new double[pairs.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pairs.get(i).get(0).asDouble();
            y[i] = pairs.get(i).get(1).asDouble();
        }
        return new Plots.Series(name, x, y, null);
    }

    // ---- studies --------------------------------------------------------------------------------------------------

    private void studies() {
        if (in.studies().isEmpty()) {
            if (!in.runs().isEmpty()) {
                section("studies", "Tuning studies");
                para("note", "No tuning studies here (pass --studies DIR, or run `animerec tune`).");
                endSection();
            }
            return;
        }
        section("studies", "Tuning studies");
        for (ReportInputs.StudyData s : in.studies()) {
            StudyPlots.render(s, body);
        }
        endSection();
    }

    // ---- manifest entries -----------------------------------------------------------------------------------------

    private void manifestEntries() {
        section("manifest", "Manifest entries");
        para("caption", "Each model version's entry in the registry's manifest: parameters, seed, data fingerprint, "
                + "split, code version and the configuration it was trained with.");
        for (ReportInputs.Run r : in.runs()) {
            JsonNode e = in.entries().get(r.key());
            if (e == null) {
                continue;
            }
            body.append("<details id=\"").append(anchor(r.key())).append("\"><summary>").append(esc(r.key()))
                    .append("</summary><pre>").append(esc(Json.write(e))).append("</pre></details>\n");
        }
        endSection();
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    static String label(ReportInputs.Run r) {
        return r.model() + " " + r.version();
    }

    static String anchor(String key) {
        return "entry-" + key.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array == null ? 0 : array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            out[i] = v == null || v.isNull() ? Double.NaN : v.asDouble();
        }
        return out;
    }

    static String fmt(double v, int digits) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "";
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** HTML-escapes text for element content and attribute values ("" for null). */
    public static String esc(String s) {
        return s == null ? "" : animerec.report.svg.Charts.escape(s);
    }

    private static String css() {
        return """
                body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222;background:#fafafa}
                header{padding:1rem 2rem;background:#fff;border-bottom:1px solid #ddd}
                h1{margin:0 0 .3rem 0;font-size:1.6rem}
                main{padding:0 2rem 2rem 2rem;max-width:1400px}
                div.wide{overflow-x:auto}
                section{margin-top:2rem}
                h2{border-bottom:1px solid #ccc;padding-bottom:.2rem}
                nav ul{list-style:none;padding:0;margin:.5rem 0 0 0;display:flex;flex-wrap:wrap;gap:1rem}
                .meta{color:#555;margin:.2rem 0;overflow-wrap:anywhere}
                p{overflow-wrap:anywhere}
                .note{color:#8a5a00;background:#fff7e0;padding:.3rem .6rem;border-left:3px solid #e0a800}
                .caption,figcaption{color:#444;font-size:.92rem;margin:.3rem 0 1rem 0}
                figure.plot{margin:1rem 0;background:#fff;border:1px solid #e4e4e4;padding:.6rem;max-width:900px}
                table.board{border-collapse:collapse;background:#fff;font-size:.85rem}
                table.board th,table.board td{border:1px solid #ddd;padding:.25rem .45rem;white-space:nowrap}
                table.board th{background:#f0f0f0;cursor:pointer;user-select:none;white-space:nowrap}
                table.board th.sorted-asc::after{content:" \\25B2"}
                table.board th.sorted-desc::after{content:" \\25BC"}
                td.num{text-align:right;font-variant-numeric:tabular-nums}
                details{margin:.3rem 0}
                details pre{background:#fff;border:1px solid #ddd;padding:.5rem;overflow:auto;max-height:30rem;font-size:.8rem}
                code{font-size:.85em}
                """;
    }

    /** Sorts a table.sortable by the clicked column (numbers as numbers), toggling the direction. */
    private static final String SCRIPT = """
            (function () {
              document.querySelectorAll('table.sortable').forEach(function (table) {
                var heads = table.querySelectorAll('th');
                heads.forEach(function (th, col) {
                  th.addEventListener('click', function () {
                    var asc = !th.classList.contains('sorted-asc');
                    heads.forEach(function (h) { h.classList.remove('sorted-asc', 'sorted-desc'); });
                    th.classList.add(asc ? 'sorted-asc' : 'sorted-desc');
                    var num = th.getAttribute('data-type') === 'num';
                    var body = table.tBodies[0];
                    var rows = Array.prototype.slice.call(body.rows);
                    rows.sort(function (a, b) {
                      var x = a.cells[col].textContent.trim(), y = b.cells[col].textContent.trim();
                      var c;
                      if (num) {
                        var p = x === '' ? -Infinity : parseFloat(x), q = y === '' ? -Infinity : parseFloat(y);
                        c = p < q ? -1 : p > q ? 1 : 0;
                      } else {
                        c = x.localeCompare(y);
                      }
                      return asc ? c : -c;
                    });
                    rows.forEach(function (r) { body.appendChild(r); });
                  });
                });
              });
            })();
            """;
}
