package animerec.app;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.config.AnimerecConfig;
import animerec.util.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output roots checked before Spark, with relative paths as the demo's defaults (data, artifacts) give them. */
class InputsTest {
    private final Inputs inputs = new Inputs(new AppContext(AnimerecConfig.defaults(), null, new LinkedHashMap<>()));

    @TempDir
    Path tmp;

    @Test
    void aRelativeRootThatDoesNotExistYetIsFine() {
        assertDoesNotThrow(() -> inputs.writableRoot("not-there-yet-" + System.nanoTime(), "--data-dir"));
        assertDoesNotThrow(() -> inputs.writableRoot("not-there-yet-" + System.nanoTime() + "/below", "--artifacts"));
        assertDoesNotThrow(() -> inputs.notAFile("target", "--out"));
    }

    @Test
    void aRootUnderAFileIsRefusedNamingIt() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        UserError e = assertThrows(UserError.class, () -> inputs.writableRoot(file + "/below", "--artifacts"));
        assertTrue(e.getMessage().contains(file + " is a file"), e.getMessage());
    }
}
