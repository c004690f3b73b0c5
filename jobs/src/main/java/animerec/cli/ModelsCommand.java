package animerec.cli;

import animerec.app.ModelsRequest;
import animerec.app.ModelsService;
import animerec.cli.options.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List or show registered models (reads the registry's manifest; no Spark session).",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.ShowModel.class})
final class ModelsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List every registered version under --artifacts (a missing root lists none).")
    static final class ListModels implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            ModelsService.list(common.context(), ModelsRequest.of(common.context(), null));
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one version's manifest entry (latest by default).")
    static final class ShowModel implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "NAME[@VERSION]", description = "a registered model, e.g. als or als@v1.2")
        String model;

        @Override
        public Integer call() {
            ModelsService.show(common.context(), ModelsRequest.of(common.context(), model));
            return 0;
        }
    }
}
