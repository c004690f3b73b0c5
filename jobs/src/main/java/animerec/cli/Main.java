package animerec.cli;

import animerec.cli.bench.BenchAnimeCommand;
import animerec.cli.bench.BenchColdItemsCommand;
import animerec.cli.bench.BenchKnnCommand;
import animerec.cli.bench.BenchMl100kCommand;
import animerec.cli.bench.BenchScaleCommand;
import animerec.cli.bench.BenchServeCommand;
import animerec.spark.SparkSessions;
import animerec.util.BuildInfo;
import animerec.util.UserError;
import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code animerec} command line: parse arguments, load config, call library code, write artifacts. */
@Command(name = "animerec", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Recommender training pipeline on Apache Spark.",
        subcommands = {GenerateCommand.class, IngestCommand.class, SplitCommand.class, TrainCommand.class,
            EvaluateCommand.class, RecommendCommand.class, MetricsCommand.class, ModelsCommand.class,
            FeaturesCommand.class, SimilarCommand.class, DemoCommand.class, BenchMl100kCommand.class, BenchAnimeCommand.class, BenchColdItemsCommand.class, BenchScaleCommand.class, animerec.cli.bench.BenchPeersCommand.class, TuneCommand.class, PipelineCommand.class, ReportCommand.class, ServeCommand.class, BenchServeCommand.class, BenchKnnCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        int code = run(args);
        if (SparkSessions.requests() > 0) { // a light command (metrics, models, --help) never loads Spark's classes
            SparkSession.getActiveSession().foreach(s -> {
                s.stop();
                return null;
            });
        }
        System.exit(code);
    }

    /** Runs a command in this JVM and returns its exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler(new ParseErrors()); // picocli's own parse errors: one line, exit 2
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            UserError user = userError(ex);
            if (user != null) {
                err.println("animerec: error: " + String.valueOf(user.getMessage()).strip().replaceAll("\\s*\\R\\s*", " "));
                err.flush();
                return 2;
            }
            err.println("animerec: internal error: " + ex);
            if (System.getenv("ANIMEREC_DEBUG") != null) {
                ex.printStackTrace(err);
            } else {
                err.println("(set ANIMEREC_DEBUG=1 to see the stack trace)");
            }
            err.flush();
            return 1;
        });
        return cli.execute(args);
    }

    private static UserError userError(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof UserError u) {
                return u;
            }
        }
        return null;
    }

    /** Version from the jar manifest and git. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"animerec " + BuildInfo.codeVersion() + " (" + BuildInfo.gitCommit() + ")"};
        }
    }
}
