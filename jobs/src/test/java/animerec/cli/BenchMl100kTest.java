package animerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import animerec.testing.SparkTestSupport;
import animerec.util.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance on the fixed MovieLens split: popularity (train count) reaches the independent evaluator's
 * NDCG@10 0.250 / MAP@10 0.135 / P@10 0.229, and its exported top-10 evaluates to the same numbers through
 * {@code animerec metrics}. Skips when ../shared/data is absent.
 */
class BenchMl100kTest {
    @TempDir
    Path tmp;

    @Test
    void popularityMatchesTheReferenceAndTheExportRoundTrips() throws Exception {
        Path shared = SparkTestSupport.sharedDataOrSkip("ml-100k-split").getParent();
        SparkTestSupport.spark();
        String out = tmp.resolve("bench.json").toString();
        String work = tmp.resolve("work").toString();
        CliRunner.Result r = CliRunner.run("bench-ml100k", "--shared", shared.toString(), "--models", "popularity",
                "--work", work, "--out", out);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        JsonNode pop = Json.MAPPER.readTree(Files.readString(Path.of(out))).path("popularity");
        assertEquals(0.250, pop.path("ndcg@10").asDouble(), 0.0005);
        assertEquals(0.135, pop.path("map@10").asDouble(), 0.0005);
        assertEquals(0.229, pop.path("precision@10").asDouble(), 0.0005);
        assertEquals(943, pop.path("users").asLong());

        String recs = tmp.resolve("pop.csv").toString();
        CliRunner.Result rec = CliRunner.run("recommend", "--model", "popularity", "--users", "all", "--k", "10",
                "--out", recs, "--artifacts", work + "/artifacts");
        assertEquals(0, rec.exitCode(), rec.err());
        String json = tmp.resolve("m.json").toString();
        CliRunner.Result m = CliRunner.run("metrics", "--recs", recs, "--truth",
                shared.resolve("ml-100k-split/test.tsv").toString(), "--k", "10", "--json", json);
        assertEquals(0, m.exitCode(), m.err());
        JsonNode external = Json.MAPPER.readTree(Files.readString(Path.of(json)));
        for (String key : List.of("precision@10", "recall@10", "ndcg@10", "map@10", "hit_rate@10")) {
            assertEquals(pop.path(key).asDouble(), external.path(key).asDouble(), 1e-12, key);
        }
    }
}
