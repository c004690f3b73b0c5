package animerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.artifact.ModelRegistry;
import animerec.serve.ServingLoader;
import animerec.util.FileAccess;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registered model whose saved files are missing or corrupt fails serve's start-up, in one line naming the model and
 * the file, whether or not it was named with {@code --model}: left out, it would silently change what is served (and
 * the default model). On a copy of {@link ServeFixture}'s registry.
 */
class ServeStartupTest {
    private static final FileAccess LOCAL = new FileAccess(Path::of, () -> null);

    @TempDir
    Path tmp;

    /** A copy of the fixture's registry, and the saved data folder of its version of {@code family}. */
    private record Copy(String root, ModelRegistry registry, List<String> names, String model, Path data) {
    }

    private Copy copy(String family) throws IOException {
        Path from = ServeFixture.get().root.resolve("pipe/artifacts");
        Path to = tmp.resolve("artifacts");
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
        ModelRegistry registry = new ModelRegistry(LOCAL, to.toString());
        List<String> names = registry.list().stream().map(e -> e.path("name").asText()).distinct().toList();
        JsonNode entry = registry.list().stream().filter(e -> e.path("family").asText().equals(family)).findFirst()
                .orElseThrow();
        String model = entry.path("name").asText() + "@" + entry.path("version").asText();
        return new Copy(to.toString(), registry, names, model, Path.of(registry.folder(entry), "data"));
    }

    private static void assertOneLineNaming(UserError e, String model, String file) {
        String m = e.getMessage();
        assertTrue(m.startsWith(model + " "), m);
        assertTrue(m.contains(file), m);
        assertTrue(!m.contains("\n"), m);
    }

    @Test
    void aMissingTableOfAModelNotNamedFailsStartUpNamingItAndTheTable() throws IOException {
        Copy c = copy("item-knn");
        Path table = c.data().resolve("neighbours");
        try (Stream<Path> walk = Files.walk(table)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        UserError e = assertThrows(UserError.class, () -> ServingLoader.load(c.registry(), LOCAL, c.names(), false, null));
        assertOneLineNaming(e, c.model(), table.toString());
        UserError named = assertThrows(UserError.class,
                () -> ServingLoader.load(c.registry(), LOCAL, List.of(c.model()), true, null));
        assertOneLineNaming(named, c.model(), table.toString());
    }

    @Test
    void aCorruptFileOfTheDefaultModelFailsTheServeCommandWithExit2AndOneLine() throws IOException {
        Copy c = copy("hybrid-rrf"); // the default model when none is named
        Path part;
        try (Stream<Path> files = Files.list(c.data().resolve("activity"))) {
            part = files.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
        }
        Files.write(part, new byte[] {1, 2, 3});
        CliRunner.Result r = assertTimeoutPreemptively(Duration.ofSeconds(120),
                () -> CliRunner.run("serve", "--artifacts", c.root(), "--port", "0"));
        assertEquals(2, r.exitCode(), r.out() + r.err());
        List<String> lines = r.err().lines().filter(l -> l.startsWith("animerec:")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("animerec: error: " + c.model() + " "), lines.get(0));
        assertTrue(lines.get(0).contains(part.getFileName().toString()), lines.get(0));
    }
}
