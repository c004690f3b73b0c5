package animerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import animerec.app.AppContext;
import animerec.app.ServeRequest;
import animerec.app.ServeService;
import animerec.config.AnimerecConfig;
import animerec.serve.HttpFront;
import animerec.testing.SparkTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;

/**
 * One small pipeline run shared by the serve tests of this JVM (generated data with an items table; genre
 * features; popularity, item-knn, implicit als and genre; a hybrid-rrf of popularity, item-knn and genre), and a server on a free
 * port of 127.0.0.1 answering from its registry. Built on first use; the folder is deleted at JVM exit.
 */
final class ServeFixture {
    private static ServeFixture shared;

    final Path root;
    final AppContext ctx;
    final HttpFront server;

    private ServeFixture(Path root, AppContext ctx, HttpFront server) {
        this.root = root;
        this.ctx = ctx;
        this.server = server;
    }

    static synchronized ServeFixture get() {
        if (shared == null) {
            try {
                shared = build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private static ServeFixture build() throws IOException {
        SparkTestSupport.spark();
        Path root = Files.createTempDirectory("animerec-serve-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
        Path config = root.resolve("pipeline.yaml");
        Files.writeString(config, String.join("\n",
                "seed: 7",
                "paths: {artifacts: " + root.resolve("pipe/artifacts") + ", experiments: " + root.resolve("pipe/experiments") + "}",
                "evaluation: {k: [10], curve_k: 0}",
                "models:",
                "  als: {rank: 8, max_iter: 5}",
                "  hybrid-rrf: {components: 'popularity+item-knn+genre', candidates: 30}",
                "pipeline:",
                "  root: " + root.resolve("pipe"),
                "  data: {generate: {users: 200, items: 120, interactions: 5000}}",
                "  features: [genre]",
                "  train: [popularity, item-knn, als, genre]",
                "  hybrids: [hybrid-rrf]",
                ""));
        CliRunner.Result r = CliRunner.run("pipeline", "--config", config.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        AppContext ctx = new AppContext(AnimerecConfig.load(config), "local[2]", new LinkedHashMap<>());
        HttpFront server = ServeService.start(ctx, ServeRequest.of(ctx, null, null, "127.0.0.1", 0, 4));
        return new ServeFixture(root, ctx, server);
    }

    private static void delete(Path root) {
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind
        }
    }
}
