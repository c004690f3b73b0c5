package animerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.testing.SparkTestSupport;
import animerec.util.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline in this JVM with a {@code file:} URI root (the Hadoop file system path, as hdfs: and s3a: roots
 * take) and an optional tuning study: a full run, a rerun that skips every step, {@code --only} as a scheduler
 * task runs it, and {@code --from STEP --only STEP} to force one step. The first run's report.html is checked by
 * {@link ReportPage} (in headless Chromium when there is one).
 */
class PipelineCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aFileUriRootRunsSkipsAndForcesOneStep() throws Exception {
        SparkTestSupport.spark();
        Path root = tmp.resolve("pipe");
        Path config = tmp.resolve("pipeline.yaml");
        Path space = tmp.resolve("item-knn.yaml");
        Files.writeString(space, "model: item-knn\nparams:\n  k: {type: categorical, choices: [\"5\", \"20\"]}\n"
                + "  shrinkage: {type: float, low: 1, high: 50, log: true}\n");
        Files.writeString(config, String.join("\n",
                "seed: 3",
                "evaluation: {k: [5, 10]}",
                "split: {validation_ratio: 0.2}",
                "models: {hybrid-rrf: {components: 'popularity+item-knn'}}",
                "pipeline:",
                "  root: /nowhere/overridden-by-root",
                "  data: {generate: {users: 120, items: 60, interactions: 2500}}",
                "  features: []",
                "  train: [popularity]",
                "  hybrids: [hybrid-rrf]",
                "  tune: [{model: item-knn, trials: 3, sampler: random, space: " + space + "}]",
                ""));
        String uri = root.toUri().toString(); // file:///...
        List<String> common = List.of("pipeline", "--config", config.toString(), "--root", uri,
                "--artifacts", root.resolve("artifacts").toString(), "--experiments", root.resolve("experiments").toString());

        CliRunner.Result first = run(common);
        // data, split, train:popularity, train:hybrid-rrf, tune:item-knn, report
        assertEquals(6, count(first.out(), "\"status\":\"done\""), first.out());
        assertTrue(Files.exists(root.resolve("state.json")) && Files.exists(root.resolve("report.json")), first.out());
        assertTrue(Files.notExists(root.resolve("pipeline.lock")), "the lock is released");
        JsonNode report = Json.MAPPER.readTree(root.resolve("report.json").toFile());
        assertEquals(0.5, report.path("models").path("popularity").path("metrics").path("ndcg@10").asDouble(-1.0), 0.5,
                "a metric in [0, 1]");
        JsonNode study = report.path("studies").path("item-knn");
        assertEquals(3, study.path("finished").asInt(), report.toString());
        assertTrue(study.path("best").path("value").asDouble() > 0, report.toString());
        assertTrue(Files.exists(Path.of(study.path("best_params").asText())), "best_params.yaml of the study");
        ReportPage.check(root.resolve("report.html"), first.out());

        CliRunner.Result second = run(common);
        assertEquals(6, count(second.out(), "\"status\":\"skipped\""), second.out());
        assertEquals(0, count(second.out(), "\"status\":\"done\""), second.out());

        CliRunner.Result only = run(concat(common, "--only", "train:popularity"));
        assertEquals(1, count(only.out(), "\"status\":\"skipped\""), "an unchanged step is skipped: " + only.out());

        CliRunner.Result forced = run(concat(common, "--from", "train:popularity", "--only", "train:popularity"));
        assertEquals(1, count(forced.out(), "\"status\":\"done\""), forced.out());
        assertTrue(forced.out().contains("\"step\":\"train:popularity\""), forced.out());
        JsonNode manifest = Json.MAPPER.readTree(root.resolve("artifacts").resolve("manifest.json").toFile());
        assertEquals(3, manifest.path("models").size(), "the forced step registered a second version");
        assertEquals("popularity", manifest.path("models").get(2).path("name").asText());
        assertEquals("v1.1", manifest.path("models").get(2).path("version").asText());
    }

    private static CliRunner.Result run(List<String> args) {
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.out() + r.err());
        return r;
    }

    private static List<String> concat(List<String> a, String... more) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(List.of(more));
        return out;
    }

    private static int count(String text, String needle) {
        return (int) text.lines().filter(l -> l.contains(needle)).count();
    }
}
