package animerec.cli.bench;

import animerec.bench.ServeLoad;
import animerec.util.Json;
import animerec.util.LocalFiles;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench-serve", mixinStandardHelpOptions = true,
        description = {"Load-test a running `animerec serve` on this machine (scripts/bench-serve starts one and runs this).",
            "A seeded list of requests, a third each /recommend?user=, /similar?item= and /recommend?liked= (3 items), "
                + "from --clients threads until it is used up, after a warm-up list; p50/p90/p99 per route, "
                + "throughput and errors. No Spark."})
public final class BenchServeCommand implements Callable<Integer> {
    @Option(names = "--url", description = "the server (loopback only; default: ${DEFAULT-VALUE})")
    String url = "http://127.0.0.1:8080";

    @Option(names = "--requests", description = "measured requests (default: ${DEFAULT-VALUE})")
    int requests = 24_000;

    @Option(names = "--warmup", description = "warm-up requests, not in the percentiles (default: ${DEFAULT-VALUE})")
    int warmup = 3_000;

    @Option(names = "--clients", description = "concurrent clients (default: ${DEFAULT-VALUE})")
    int clients = 4;

    @Option(names = "--k", description = "list length asked for (default: ${DEFAULT-VALUE})")
    int k = 10;

    @Option(names = "--seed", description = "seed of the request list (default: ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--startup-seconds", paramLabel = "S",
            description = "the server's start-up time as measured by the caller, recorded in the results")
    Double startup;

    @Option(names = "--note", description = "free text recorded in the results (scripts/bench-serve: what was served)")
    String note;

    @Option(names = "--out", paramLabel = "FILE", description = "results JSON (default: ${DEFAULT-VALUE})")
    String out = "results/bench-serve.json";

    @Override
    public Integer call() throws Exception {
        ServeLoad load = new ServeLoad(url, requests, warmup, clients, k, seed);
        ObjectNode results = Json.object();
        results.put("cores", Runtime.getRuntime().availableProcessors());
        results.put("load_average_before", loadAverage());
        if (startup != null) {
            results.put("startup_seconds", startup);
        }
        if (note != null) {
            results.put("note", note);
        }
        results.setAll(load.run());
        results.put("load_average_after", loadAverage());
        LocalFiles.writeAtomically(Path.of(out), Json.write(results));
        System.out.println("wrote " + out);
        return results.path("errors").asInt() == 0 ? 0 : 1;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
