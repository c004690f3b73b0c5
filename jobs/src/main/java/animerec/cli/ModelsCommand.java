package animerec.cli;

import animerec.cli.options.CommonOptions;
import animerec.artifact.ModelRegistry;
import animerec.util.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "models", mixinStandardHelpOptions = true, description = "List or show registered models.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.ShowModel.class})
final class ModelsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static ModelRegistry registry(CommonOptions common) {
        // the registry needs only a Hadoop configuration, not a SparkSession
        return new ModelRegistry(new Configuration(), common.config().paths.artifacts);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every registered version.")
    static final class ListModels implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            List<JsonNode> entries = registry(common).list();
            if (entries.isEmpty()) {
                System.out.println("no models in " + common.config().paths.artifacts);
                return 0;
            }
            System.out.printf("%-22s %-8s %-12s %-18s %-10s %-24s%n", "name", "version", "params", "split", "ndcg@10", "created");
            for (JsonNode e : entries) {
                JsonNode ndcg = e.path("metrics").path("ndcg@10");
                System.out.printf("%-22s %-8s %-12s %-18s %-10s %-24s%n", e.path("name").asText(), e.path("version").asText(),
                        e.path("params_hash").asText(), e.path("split_id").asText(),
                        ndcg.isMissingNode() ? "-" : String.format("%.4f", ndcg.asDouble()), e.path("created").asText());
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One version's manifest entry (latest by default).")
    static final class ShowModel implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "NAME[@VERSION]")
        String model;

        @Override
        public Integer call() {
            System.out.println(Json.write(registry(common).resolve(model)));
            return 0;
        }
    }
}
