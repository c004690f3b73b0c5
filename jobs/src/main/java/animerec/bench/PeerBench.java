package animerec.bench;

import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the peers bundle's {@code bin/peer-bench rank} (LIBMF, implicit, LightFM and a numpy EASE, outside the
 * project: used by benchmarks only, when the bundle is present) on a train/test pair of TSV files, and returns
 * the top-10 file it wrote and the JSON line it printed (parameters used, seconds).
 */
public final class PeerBench {
    private final Path script;

    public PeerBench(String peersDir) {
        this.script = Path.of(peersDir, "bin", "peer-bench");
        if (!Files.isExecutable(script)) {
            throw new UserError(script + ": not found or not executable (pass --peers DIR with bin/peer-bench)");
        }
    }

    /** One peer run: its output file and what it reported. */
    public record Run(String recsFile, JsonNode report) {
        public double fitSeconds() {
            return report.path("seconds_fit").asDouble(Double.NaN);
        }
    }

    /** Fits {@code model} with {@code params} (key=value words) on {@code train}, ranks for {@code test}'s users. */
    public Run rank(String model, List<String> params, String train, String test, Path out) {
        List<String> args = new ArrayList<>(List.of("rank", "--train", train, "--test", test, "--model", model,
                "--out", out.toString(), "--k", "10"));
        args.addAll(params);
        return new Run(out.toString(), run(model + " " + params, args));
    }

    /** {@code peer-bench als}: implicit's ALS timed per iteration (its fit callback) on a text file of ratings. */
    public JsonNode als(String train, int factors, int iterations, int threads, String matrix) {
        return run("als", List.of("als", "--train", train, "--factors", String.valueOf(factors), "--iters",
                String.valueOf(iterations), "--threads", String.valueOf(threads), "--matrix", matrix));
    }

    /** Runs {@code peer-bench ARGS}; its last stdout line is its JSON report. */
    private JsonNode run(String what, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(script.toString()));
        cmd.addAll(args);
        try {
            Path log = Files.createTempFile("peer-bench", ".err");
            Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int rc = p.waitFor();
            String err = Files.readString(log);
            Files.deleteIfExists(log);
            if (rc != 0) {
                throw new IllegalStateException("peer-bench " + what + " exited " + rc + ": " + err.strip());
            }
            String last = stdout.lines().reduce((a, b) -> b).orElse("{}");
            return Json.MAPPER.readTree(last);
        } catch (IOException e) {
            throw new IllegalStateException("peer-bench " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
