package animerec.cli.options;

import picocli.CommandLine.Option;

/** The size of the seeded synthetic rank-20 ratings the scale benchmarks generate (bench-scale, bench-peers). */
public final class SyntheticRatingsOptions {
    @Option(names = "--users", description = "synthetic users (default: ${DEFAULT-VALUE})")
    public int users = 200_000;

    @Option(names = "--items", description = "synthetic items (default: ${DEFAULT-VALUE})")
    public int items = 20_000;

    @Option(names = "--ratings", description = "synthetic ratings (default: ${DEFAULT-VALUE})")
    public long ratings = 10_000_000L;
}
