package animerec.cli.options;

import animerec.app.AppContext;
import animerec.config.AnimerecConfig;
import animerec.spark.Verbosity;
import animerec.util.Progress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Options every Spark command takes: configuration, master, Spark settings and output roots (a picocli mixin of the
 * commands in {@code cli} and {@code cli.bench}).
 */
public final class CommonOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration (see conf/animerec.yaml); built-in defaults when absent")
    Path config;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark.master from spark-submit, else local[*])")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "extra Spark setting (repeatable)")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    @Option(names = "--artifacts", paramLabel = "DIR", description = "artifact root (default: paths.artifacts)")
    String artifacts;

    @Option(names = "--experiments", paramLabel = "DIR", description = "experiment records (default: paths.experiments)")
    String experiments;

    @Option(names = "--seed", description = "seed for every random choice (default: seed from config, 42)")
    Long seed;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Output output;

    /** {@code --quiet} or {@code --verbose}, not both. */
    static final class Output {
        @Option(names = "--quiet", description = "no progress lines and no Spark progress bar (results and errors only)")
        boolean quiet;

        @Option(names = "--verbose", description = "Spark's own log at INFO")
        boolean verbose;
    }

    private AppContext context;

    /** What --quiet / --verbose ask for (NORMAL without either). */
    public Verbosity verbosity() {
        if (output == null) {
            return Verbosity.NORMAL;
        }
        return output.quiet ? Verbosity.QUIET : output.verbose ? Verbosity.VERBOSE : Verbosity.NORMAL;
    }

    /**
     * The config file (or the defaults) with the command line's overrides, the Spark settings and the verbosity
     * (which also silences {@link Progress} under --quiet).
     */
    public AppContext context() {
        if (context == null) {
            AnimerecConfig loaded = config == null ? AnimerecConfig.defaults() : AnimerecConfig.load(config);
            Map<String, Object> overrides = new LinkedHashMap<>();
            if (seed != null) {
                overrides.put("seed", seed);
            }
            if (artifacts != null) {
                overrides.put("paths.artifacts", artifacts);
            }
            if (experiments != null) {
                overrides.put("paths.experiments", experiments);
            }
            Verbosity verbosity = verbosity();
            Progress.quiet(verbosity == Verbosity.QUIET); // set either way: tests run many commands in one JVM
            context = new AppContext(loaded.with(overrides), master, sparkConf, verbosity);
        }
        return context;
    }

    public AnimerecConfig config() {
        return context().config();
    }

    public SparkSession spark(String app) {
        return context().spark(app);
    }

    public Configuration hadoopConfiguration() {
        return context().hadoopConfiguration();
    }
}
