package animerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.artifact.ModelRegistry;
import animerec.artifact.Provenance;
import animerec.model.Param;
import animerec.model.ParamMap;
import animerec.spark.SparkSessions;
import animerec.util.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: `metrics`, `models list`, `models show` and their --help run without a SparkSession (the request counter
 * does not move). Wall times are printed, not asserted (scripts/check-light times them through the launcher).
 */
class LightCommandsTest {
    @TempDir
    Path tmp;

    private static CliRunner.Result withoutSpark(String... args) {
        long sessions = SparkSessions.requests();
        long t0 = System.nanoTime();
        CliRunner.Result r = CliRunner.run(args);
        System.out.printf(Locale.ROOT, "%-40s %.3f s%n", String.join(" ", args).replaceAll("/\\S*/", ""),
                (System.nanoTime() - t0) / 1e9);
        assertEquals(sessions, SparkSessions.requests(), String.join(" ", args) + ": no SparkSession requested");
        return r;
    }

    @Test
    void metricsScoresFilesWithoutSpark() throws Exception {
        // the hand-computed case of RankingEvaluatorTest: user 1 [10, 20, 30] vs {20, 40}; user 2 no list vs {10}
        Path recs = Files.writeString(tmp.resolve("recs.csv"), "user_id,item_id,rank,score\n1,10,1,3.0\n1,20,2,2.0\n1,30,3,1.0\n");
        Path truth = Files.writeString(tmp.resolve("truth.csv"), "user_id,item_id\n1,20\n1,40\n2,10\n");
        Path json = tmp.resolve("out/metrics.json");
        CliRunner.Result r = withoutSpark("metrics", "--recs", recs.toString(), "--truth", truth.toString(), "--k", "2",
                "--catalog-size", "4", "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode m = Json.MAPPER.readTree(Files.readString(json));
        double ndcg1 = (1 / Math.log(3)) / (1 / Math.log(2) + 1 / Math.log(3));
        assertEquals(ndcg1 / 2, m.path("ndcg@2").asDouble(), 1e-12);
        assertEquals(0.125, m.path("map@2").asDouble(), 1e-12);
        assertEquals(0.5, m.path("coverage@2").asDouble(), 1e-12);
        assertEquals(2, m.path("users").asLong());
        assertTrue(r.out().contains(String.format(Locale.ROOT, "ndcg@2           %.6f", ndcg1 / 2)), r.out());
    }

    @Test
    void aRefusedMetricsRunWritesNoJsonAndEchoesNoRawBytes() throws Exception {
        Path recs = tmp.resolve("recs.csv");
        Files.write(recs, "user_id,item_id,rank\n1,\u0007\u0000\u00e9\u00ff\u001b[31m,1\n".getBytes(StandardCharsets.ISO_8859_1));
        Path truth = Files.writeString(tmp.resolve("truth.csv"), "user_id,item_id\n1,20\n");
        Path json = tmp.resolve("metrics.json");
        CliRunner.Result r = withoutSpark("metrics", "--recs", recs.toString(), "--truth", truth.toString(), "--json",
                json.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("item_id '\\x07\\x00\\xE9\\xFF\\x1B[31m' is not a number"), r.err());
        assertTrue(r.err().chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f)), "printable ASCII only: " + r.err());
        assertFalse(Files.exists(json), "nothing written");
    }

    @Test
    void modelsListAndShowReadTheManifestWithoutSpark() {
        String root = tmp.resolve("artifacts").toString();
        Param<Integer> size = Param.intParam("size", "a parameter", 5, 1, 100);
        ModelRegistry registry = new ModelRegistry(new Configuration(), root);
        for (int i = 0; i < 2; i++) {
            registry.register("m", "m", ParamMap.of("m", List.of(size), Map.of("size", "5")),
                    new Provenance(42, "fp", "train", "split-1", null, 1.5), dir -> {
                        try {
                            Files.createDirectories(Path.of(dir));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
        }
        CliRunner.Result list = withoutSpark("models", "list", "--artifacts", root);
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().contains("v1.0") && list.out().contains("v1.1"), list.out());
        CliRunner.Result show = withoutSpark("models", "show", "m@v1.0", "--artifacts", root);
        assertEquals(0, show.exitCode(), show.err());
        assertTrue(show.out().contains("\"path\" : \"models/m/v1.0\""), show.out());
        CliRunner.Result latest = withoutSpark("models", "show", "m", "--artifacts", root);
        assertTrue(latest.out().contains("\"version\" : \"v1.1\""), latest.out());
        CliRunner.Result none = withoutSpark("models", "list", "--artifacts", tmp.resolve("nothing-here").toString());
        assertEquals(0, none.exitCode(), none.err());
        assertTrue(none.out().startsWith("no models in "), none.out());
    }

    @Test
    void helpOfTheLightCommandsStartsNoSpark() {
        CliRunner.Result metrics = withoutSpark("metrics", "--help");
        assertEquals(0, metrics.exitCode());
        String help = metrics.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--recs=FILE recommendations, columns user_id,item_id,rank or user_id,item_id,score"), help);
        assertTrue(help.contains("--truth=FILE held-out truth, columns user_id,item_id[,relevance]"), help);
        assertEquals(0, withoutSpark("models", "--help").exitCode());
        assertEquals(0, withoutSpark("models", "list", "--help").exitCode());
        assertEquals(0, withoutSpark("models", "show", "--help").exitCode());
    }
}
