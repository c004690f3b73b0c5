package animerec.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.util.Json;
import animerec.util.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnimerecConfigTest {
    @TempDir
    Path tmp;

    @Test
    void shippedConfigEqualsTheBuiltInDefaults() {
        Path shipped = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."), "conf", "animerec.yaml");
        if (!Files.exists(shipped)) {
            shipped = Path.of("..", "conf", "animerec.yaml");
        }
        AnimerecConfig c = AnimerecConfig.load(shipped);
        assertEquals(Json.write(AnimerecConfig.defaults()), Json.write(c));
    }

    @Test
    void unknownKeysAndBadValuesNameTheKey() throws Exception {
        Path f = tmp.resolve("c.yaml");
        Files.writeString(f, "split:\n  test_ratioo: 0.2\n");
        UserError unknown = assertThrows(UserError.class, () -> AnimerecConfig.load(f));
        assertTrue(unknown.getMessage().contains("split.test_ratioo") && unknown.getMessage().contains("test_ratio"),
                unknown.getMessage());
        Files.writeString(f, "seed: abc\n");
        UserError bad = assertThrows(UserError.class, () -> AnimerecConfig.load(f));
        assertTrue(bad.getMessage().contains("'seed'"), bad.getMessage());
        Files.writeString(f, "split:\n  test_ratio: 1.5\n");
        UserError range = assertThrows(UserError.class, () -> AnimerecConfig.load(f));
        assertTrue(range.getMessage().contains("split.test_ratio"), range.getMessage());
        assertThrows(UserError.class, () -> AnimerecConfig.load(tmp.resolve("none.yaml")));
    }

    @Test
    void overridesAreRead() throws Exception {
        Path f = tmp.resolve("c.yaml");
        Files.writeString(f, "seed: 7\nevaluation:\n  k: [10]\nmodels:\n  popularity: {score: log_count_mean}\n");
        AnimerecConfig c = AnimerecConfig.load(f);
        assertEquals(7, c.seed);
        assertEquals(10, c.ks()[0]);
        assertEquals("log_count_mean", c.models.get("popularity").get("score"));
    }

    @Test
    void overridesMakeACopyAndLeaveTheLoadedConfigAsItWas() {
        AnimerecConfig loaded = AnimerecConfig.defaults();
        AnimerecConfig changed = loaded.with(java.util.Map.of("seed", 7L, "paths.artifacts", "elsewhere", "pipeline.root", "r"));
        assertEquals(7, changed.seed);
        assertEquals("elsewhere", changed.paths.artifacts);
        assertEquals("r", changed.pipeline.root);
        assertEquals(42, loaded.seed);
        assertEquals("artifacts", loaded.paths.artifacts);
        assertEquals("work/pipeline", loaded.pipeline.root);
        assertEquals(Json.MAPPER.valueToTree(AnimerecConfig.defaults()), Json.MAPPER.valueToTree(loaded.with(java.util.Map.of())));
        UserError e = assertThrows(UserError.class, () -> loaded.with(java.util.Map.of("paths.nope", "x")));
        assertTrue(e.getMessage().contains("paths.nope"), e.getMessage());
    }
}
