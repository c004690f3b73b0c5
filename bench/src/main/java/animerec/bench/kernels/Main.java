package animerec.bench.kernels;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/** Runs JMH (its usual options; a regex picks benchmarks) and adds GFLOP/s for the kernels that define their work. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
        System.out.println();
        System.out.printf("%-40s %-28s %14s %10s%n", "benchmark", "params", "ops/s", "GFLOP/s");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            double ops = r.getPrimaryResult().getScore();
            double gflops = Double.NaN;
            if (name.endsWith("CgSolverBench.block") || name.endsWith("CgSolverScalarBench.block")) {
                int rank = Integer.parseInt(r.getParams().getParam("rank"));
                int ratings = Integer.parseInt(r.getParams().getParam("ratings"));
                int steps = Integer.parseInt(r.getParams().getParam("steps"));
                gflops = ops * CgSolverBench.flopPerBlock(rank, ratings, steps, 200) / 1e9;
            }
            if (name.endsWith("SgdKernelBench.block") || name.endsWith("SgdKernelScalarBench.block")) {
                int k = Integer.parseInt(r.getParams().getParam("k"));
                gflops = ops * SgdKernelBench.RATINGS * SgdKernelBench.flopPerRating(k) / 1e9;
                System.out.printf("%s k=%d: %,.0f updates/s%n", name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
                        k, ops * SgdKernelBench.RATINGS);
            }
            if (name.endsWith("TopKKernelBench.block")) {
                gflops = ops * TopKKernelBench.flopPerBlock(Integer.parseInt(r.getParams().getParam("rank"))) / 1e9;
            }
            String params = String.join(" ", r.getParams().getParamsKeys().stream()
                    .map(k -> k + "=" + r.getParams().getParam(k)).toList());
            System.out.printf("%-40s %-28s %,14.1f %10.2f%n", name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
                    params, ops, gflops);
        }
    }
}
