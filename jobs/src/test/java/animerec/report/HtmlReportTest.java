package animerec.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.app.ExperimentLog;
import animerec.artifact.ModelRegistry;
import animerec.artifact.Provenance;
import animerec.catalog.ModelCatalog;
import animerec.eval.Diagnostics;
import animerec.model.ParamMap;
import animerec.util.FileAccess;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The report from records written by the project's own writers (experiment log, registry), a split.json and a study
 * folder: what each section shows, links, notes for what is missing, and escaping. No Spark.
 */
class HtmlReportTest {
    @TempDir
    Path tmp;

    private final FileAccess files = FileAccess.hadoop(new Configuration());

    private Path records() throws Exception {
        Path exp = tmp.resolve("experiments");
        Path art = tmp.resolve("artifacts");
        Path split = tmp.resolve("split");
        Files.createDirectories(split);
        ObjectNode s = Json.object().put("split_id", "split-abc").put("strategy", "random");
        s.putObject("rows").put("train", 9).put("test", 3);
        ObjectNode stats = s.putObject("stats").put("interactions", 12).put("unrated", 2).put("unrated_share", 2.0 / 12);
        stats.set("users_by_interactions", Json.MAPPER.readTree("[[2,3],[6,1]]"));
        stats.set("items_by_interactions", Json.MAPPER.readTree("[[1,4],[4,2]]"));
        stats.set("ratings", Json.MAPPER.readTree("[{\"min\":1.0,\"max\":1.0,\"count\":4},{\"min\":5.0,\"max\":5.0,\"count\":6}]"));
        Files.writeString(split.resolve("split.json"), Json.write(s));

        ModelRegistry registry = new ModelRegistry(files, art.toString());
        ExperimentLog log = new ExperimentLog(new Configuration(), exp.toString());
        ParamMap pop = ModelCatalog.get("popularity").params(Map.of());
        registry.register("popularity", "popularity", pop, new Provenance(7, "fp123", split + "/train", "split-abc", null, 1.5),
                dir -> mkdirs(dir));
        Diagnostics d = new Diagnostics(new Diagnostics.Curve(3, new double[] {.5, .4, .3}, new double[] {.1, .2, .3},
                new double[] {.5, .45, .4}),
                List.of(new Diagnostics.ActivityBin(2, 3, 3, Map.of(10, 0.2)), new Diagnostics.ActivityBin(4, 7, 1, Map.of(10, 0.6))),
                List.of(new Diagnostics.Decile(1, 1, 4, 4, 0.5, Map.of(10, 0.9), Map.of(10, 1L)),
                        new Diagnostics.Decile(2, 1, 1, 1, 0.5, Map.of(10, 0.1), Map.of(10, 1L))), new int[] {10}, 6);
        LinkedHashMap<String, Double> m = new LinkedHashMap<>(Map.of("ndcg@10", 0.31, "recall@10", 0.2, "coverage@10", 0.5,
                "users", 4.0));
        log.record(new ExperimentLog.Run("popularity", "v1.0", pop.hash(), "fp123", "split-abc", new int[] {10}, m, 1.5,
                d.toJson(), null));
        JsonNode report = Json.MAPPER.readTree("{\"components\":[\"als\",\"item-knn\"],\"weights\":{\"als\":2.0,\"item-knn\":1.0},"
                + "\"validation\":{\"component_ndcg\":{\"als\":0.2,\"item-knn\":0.15},\"ndcg\":0.22}}");
        log.record(new ExperimentLog.Run("hybrid-rrf", "v1.0", "h", "fp123", "split-abc", new int[] {10},
                new LinkedHashMap<>(Map.of("ndcg@10", 0.42, "users", 4.0)), 9.0, d.toJson(), report));
        // an older record of a version is replaced by its latest; a record without diagnostics gets a note
        log.record(new ExperimentLog.Run("x<b>", "v1.0", "h", "fp123", "split-abc", new int[] {10},
                new LinkedHashMap<>(Map.of("ndcg@10", 0.01)), 0.2));
        Thread.sleep(5);
        log.record(new ExperimentLog.Run("x<b>", "v1.0", "h", "fp123", "split-abc", new int[] {10},
                new LinkedHashMap<>(Map.of("ndcg@10", 0.05)), 0.2));

        Path study = tmp.resolve("studies").resolve("s1");
        Files.createDirectories(study);
        Files.writeString(study.resolve("study.json"), "{\"study\":\"s1\",\"model\":\"svd\",\"sampler\":\"tpe\",\"pruner\":\"median\","
                + "\"objective\":\"validation ndcg@10\",\"finished\":3,\"complete\":2,\"pruned\":1,\"failed\":0,\"seconds\":3.0,"
                + "\"best\":{\"trial\":2,\"value\":0.3,\"params\":{\"rank\":\"8\"}},\"best_value_by_trial\":[0.2,0.2,0.3]}");
        Files.writeString(study.resolve("trials.csv"), "number,value,map,state,duration_s,last_step,last_intermediate,params_rank,params_kind,message\n"
                + "0,0.2,0.1,COMPLETE,1.0,10,0.2,4,a,\n1,,,PRUNED,0.5,3,0.05,16,b,\"stopped, early\"\n2,0.3,0.2,COMPLETE,1.0,10,0.3,8,a,\n");
        return exp;
    }

    private static void mkdirs(String dir) {
        try {
            Files.createDirectories(Path.of(dir));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String render() throws Exception {
        Path exp = records();
        ReportInputs in = ReportInputs.read(files, exp.toString(), tmp.resolve("artifacts").toString(),
                List.of(tmp.resolve("studies").toString()), List.of());
        return HtmlReport.render(in, "t & <report>", "generated now");
    }

    @Test
    void everySectionFromTheProjectsOwnRecords() throws Exception {
        String html = render();
        Document doc = xml(html);
        // the leaderboard: best first; the popularity row links to its manifest entry, which holds the seed
        List<String> models = cells(doc, "board", 0);
        assertEquals(List.of("hybrid-rrf", "popularity", "x<b>"), models);
        assertTrue(html.contains("<a href=\"#entry-popularity-v1-0\">v1.0</a>"), "link to the entry");
        assertTrue(html.contains("<details id=\"entry-popularity-v1-0\">"), "the entry");
        assertTrue(html.contains("&quot;seed&quot; : 7"), "the entry's seed");
        assertEquals("0.0500", cells(doc, "board", 2).get(2), "the latest record of x<b> v1.0");
        // three curves of two models: 2 lines each
        assertEquals(2, marks(doc, "Precision@K for K = 1..3", "line"));
        assertTrue(html.contains("No curves for x&lt;b&gt;@v1.0"), "note for the record without diagnostics");
        // quality against cost: one point per model
        assertEquals(3, marks(doc, "NDCG@10 against fit seconds", "point"));
        // deciles in three bands, for the train share and two models; every decile in the table
        assertEquals(9, marks(doc, "Share of top-10 slots by item popularity", "bar"));
        assertEquals(List.of("train interactions", "hybrid-rrf v1.0", "popularity v1.0"), cells(doc, "deciles", 0));
        assertEquals(List.of("50.0%", "90.0%", "90.0%"), cells(doc, "deciles", 1));
        assertEquals(List.of("50.0%", "10.0%", "10.0%"), cells(doc, "deciles", 2));
        // activity: two bins make two groups (few, many), for two models
        assertEquals(4, marks(doc, "NDCG@10 for users with few, medium and many train interactions", "bar"));
        assertTrue(html.contains("few (2–3): 3 users; many (4+): 1 users"), "the groups' sizes");
        // the hybrid: weights and validation bars (two components, then the blend)
        assertEquals(2, marks(doc, "Weights of hybrid-rrf v1.0", "bar"));
        assertEquals(3, marks(doc, "Validation NDCG of each component and of the blend (hybrid-rrf v1.0)", "bar"));
        // the data: degree distributions (2 + 2 points) and ratings (two values and the unrated bar)
        assertEquals(4, marks(doc, "Interactions per user and per item (log-log)", "point"));
        assertEquals(3, marks(doc, "Rating histogram", "bar"));
        // the study: best so far, every trial (2 complete + 1 pruned cross), a numeric and a categorical slice
        assertEquals(1, marks(doc, "Best value so far (s1)", "line"));
        assertEquals(3, marks(doc, "Every trial's value (s1)", "point"));
        assertEquals(1, marks(doc, "Every trial's value (s1)", "cross"), "the pruned trial");
        assertEquals(3, marks(doc, "Slice: rank (s1)", "point"));
        assertEquals(1, marks(doc, "Slice: kind (s1)", "bar"), "one value among the complete trials");
        // every figure has a caption; the title is escaped; nothing is loaded from elsewhere
        NodeList figures = doc.getElementsByTagName("figure");
        for (int i = 0; i < figures.getLength(); i++) {
            assertEquals(1, ((Element) figures.item(i)).getElementsByTagName("figcaption").getLength());
        }
        assertTrue(html.contains("<title>t &amp; &lt;report&gt;</title>"));
        String links = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", ""); // a namespace name, never fetched
        assertFalse(links.contains("src=") || links.contains("http://") || links.contains("https://") || links.contains("<link"),
                "self-contained");
    }

    @Test
    void studiesAloneInTheBenchLayoutAndNothingAtAll() throws Exception {
        Path bench = tmp.resolve("bench");
        Files.createDirectories(bench);
        Files.writeString(bench.resolve("a.study.json"), "{\"study\":\"a\",\"best_value_by_trial\":[0.1,0.2]}");
        Files.writeString(bench.resolve("a.trials.csv"), "number,value,map,state,duration_s,params_k\n0,0.1,0,COMPLETE,1,5\n1,0.2,0,COMPLETE,1,9\n");
        Files.writeString(bench.resolve("b.study.json"), "{\"study\":\"b\",\"best_value_by_trial\":[0.3]}");
        ReportInputs in = ReportInputs.read(files, tmp.resolve("none").toString(), null, List.of(bench.toString()), null);
        assertEquals(List.of("a", "b"), in.studies().stream().map(ReportInputs.StudyData::name).toList());
        String html = HtmlReport.render(in, "bench", "now");
        Document doc = xml(html);
        assertEquals(2, marks(doc, "Every trial's value (a)", "point"));
        assertTrue(html.contains("b: no trials file beside"), "note for a study without trials");
        // with no --studies, `animerec tune`'s folder under the experiments is read
        Path tuned = tmp.resolve("exp2").resolve("optuna_studies").resolve("c");
        Files.createDirectories(tuned);
        Files.writeString(tuned.resolve("study.json"), "{\"study\":\"c\",\"best_value_by_trial\":[0.3]}");
        assertEquals(List.of("c"), ReportInputs.read(files, tmp.resolve("exp2").toString(), null, List.of(), null).studies()
                .stream().map(ReportInputs.StudyData::name).toList());
        UserError e = assertThrows(UserError.class, () -> ReportInputs.read(files, tmp.resolve("none").toString(), null,
                List.of(), null));
        assertTrue(e.getMessage().startsWith("nothing to report"), e.getMessage());
        assertThrows(UserError.class, () -> ReportInputs.readStudies(tmp.resolve("none").toString()));
    }

    private static Document xml(String html) throws Exception {
        // the page is written as well-formed XHTML-compatible markup: parse it after dropping the doctype and script
        String body = html.replaceFirst("<!DOCTYPE html>", "").replaceAll("(?s)<script>.*?</script>", "")
                .replaceAll("(?s)<style>.*?</style>", "").replace("<meta charset=\"utf-8\">", "")
                .replaceAll("<meta name=[^>]*>", "");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** The text of column {@code col} of every body row of table {@code id}. */
    private static List<String> cells(Document doc, String id, int col) {
        NodeList tables = doc.getElementsByTagName("table");
        for (int i = 0; i < tables.getLength(); i++) {
            Element t = (Element) tables.item(i);
            if (id.equals(t.getAttribute("id"))) {
                Element tbody = (Element) t.getElementsByTagName("tbody").item(0);
                NodeList rows = tbody.getElementsByTagName("tr");
                List<String> out = new java.util.ArrayList<>();
                for (int r = 0; r < rows.getLength(); r++) {
                    out.add(((Element) rows.item(r)).getElementsByTagName("td").item(col).getTextContent());
                }
                return out;
            }
        }
        throw new AssertionError("no table " + id);
    }

    private static Element chart(Document doc, String title) {
        NodeList svgs = doc.getElementsByTagName("svg");
        for (int i = 0; i < svgs.getLength(); i++) {
            Element svg = (Element) svgs.item(i);
            Element t = (Element) svg.getElementsByTagName("title").item(0);
            if (t != null && t.getTextContent().equals(title)) {
                return svg;
            }
        }
        throw new AssertionError("no chart titled " + title);
    }

    /** Marks of class {@code kind} (line, point, bar) in the chart titled {@code title}. */
    private static int marks(Document doc, String title, String kind) {
        Element svg = chart(doc, title);
        int n = 0;
        NodeList all = svg.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            List<String> cls = List.of(((Element) all.item(i)).getAttribute("class").split(" "));
            if (cls.contains("mark") && cls.contains(kind)) {
                n++;
            }
        }
        return n;
    }

}
