package animerec.bench;

import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import animerec.data.Columns;
import animerec.eval.ModelEvaluation;
import animerec.eval.RankingFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the peers bundle's {@code bin/peer-bench rank} (LIBMF, implicit, LightFM and a numpy EASE, outside the
 * project: used by benchmarks only, when the bundle is present) on a train/test pair of TSV files, and returns
 * the top-10 file it wrote and the JSON line it printed (parameters used, seconds).
 */
public final class PeerBench {
    private final Path script;
    private final Path mfTrain;

    public PeerBench(String peersDir) {
        this.script = Path.of(peersDir, "bin", "peer-bench");
        this.mfTrain = Path.of(peersDir, "libmf", "mf-train");
        if (!Files.isExecutable(script)) {
            throw new UserError(script + ": not found or not executable (pass --peers DIR with bin/peer-bench)");
        }
    }

    /** One peer run: its output file and what it reported. */
    public record Run(String recsFile, JsonNode report) {
        public double fitSeconds() {
            return report.path("seconds_fit").asDouble(Double.NaN);
        }

        /**
         * The top-10 file, read with the project's reader (from a copy, so a later run may overwrite the file) and
         * held to the same candidate rule as our models: items seen in {@code train}, minus the user's own. Cached.
         */
        public Dataset<Row> candidates(SparkSession spark, Dataset<Row> train) {
            try {
                Path copy = Files.createTempFile("peer-recs", ".csv");
                Files.copy(Path.of(recsFile), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                copy.toFile().deleteOnExit();
                Dataset<Row> seen = train.select(Columns.USER, Columns.ITEM);
                Dataset<Row> recs = ModelEvaluation.candidatesOnly(RankingFiles.readRecommendations(spark, copy.toString()),
                        seen, seen.select(Columns.ITEM).distinct()).cache();
                recs.count();
                return recs;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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

    /**
     * {@code peer-bench topk}: implicit's ALS fitted for {@code iterations}, then its batched top-{@code k} for every
     * user, the user's own items filtered ({@code seconds_topk_all_users} is the second part alone).
     */
    public JsonNode topk(String train, int factors, int k, int iterations, int threads) {
        return run("topk", List.of("topk", "--train", train, "--factors", String.valueOf(factors), "--k",
                String.valueOf(k), "--iters", String.valueOf(iterations), "--threads", String.valueOf(threads)));
    }

    /** {@code peer-bench warp}: LightFM's WARP, each epoch (one fit_partial call) timed. */
    public JsonNode warp(String train, int components, int epochs, int threads) {
        return run("warp", List.of("warp", "--train", train, "--components", String.valueOf(components), "--epochs",
                String.valueOf(epochs), "--threads", String.valueOf(threads)));
    }

    /**
     * {@code peer-bench mf}: LIBMF's seconds per iteration, (t(T) − t(1)) / (T − 1) over two runs of mf-train, so
     * that reading the file is left out.
     */
    public JsonNode mf(String train, int k, int iterations, int threads) {
        return run("mf", List.of("mf", "--train", train, "--k", String.valueOf(k), "--iters", String.valueOf(iterations),
                "--threads", String.valueOf(threads)));
    }

    /**
     * LIBMF's {@code mf-train} at its defaults with {@code -p test}: the test RMSE it prints after the last of
     * {@code iterations} (both files headerless {@code user item rating}).
     */
    public double mfTestRmse(String train, String test, int k, int iterations, int threads) {
        String stdout = exec("mf-train", List.of(mfTrain.toString(), "-k", String.valueOf(k), "-t", String.valueOf(iterations),
                "-s", String.valueOf(threads), "-p", test, train, "/dev/null"));
        // a table: iter tr_rmse va_rmse obj; the last row is the last iteration
        String last = stdout.lines().map(String::trim).filter(l -> l.matches("^\\d+\\s+.*")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("mf-train printed no iteration table: " + stdout));
        return Double.parseDouble(last.split("\\s+")[2]);
    }

    /** Runs {@code peer-bench ARGS}; its last stdout line is its JSON report. */
    private JsonNode run(String what, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(script.toString()));
        cmd.addAll(args);
        String stdout = exec("peer-bench " + what, cmd);
        String last = stdout.lines().reduce((a, b) -> b).orElse("{}");
        try {
            return Json.MAPPER.readTree(last);
        } catch (IOException e) {
            throw new IllegalStateException("peer-bench " + what + ": not JSON: " + last, e);
        }
    }

    /** Runs {@code cmd}, returns its stdout; a non-zero exit is an error carrying its stderr. */
    private static String exec(String what, List<String> cmd) {
        try {
            Path log = Files.createTempFile("peer-bench", ".err");
            Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int rc = p.waitFor();
            String err = Files.readString(log);
            Files.deleteIfExists(log);
            if (rc != 0) {
                throw new IllegalStateException(what + " exited " + rc + ": " + err.strip());
            }
            return stdout;
        } catch (IOException e) {
            throw new IllegalStateException(what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
