package animerec.cli;

import animerec.app.ServeRequest;
import animerec.app.ServeService;
import animerec.cli.options.CommonOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Answer recommendations over HTTP from registered models held in memory (no Spark at request time), "
                + "with a page to explore them at /.",
            "GET /recommend?user=ID|liked=ID,ID&k=10[&model=NAME@vX.Y], /similar?item=ID[&kind=genre|tfidf|embedding|cf], "
                + "/items?q=TEXT, /models, /health, /metrics; POST /reload loads the latest versions again."})
final class ServeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--model", split = ",", paramLabel = "NAME[@vX.Y]", description = "registry versions to serve "
            + "(repeatable; the first is the default; default: the latest version of every name that can be served, a hybrid "
            + "first)")
    List<String> models;

    @Option(names = "--data", paramLabel = "DIR", description = "the item table and stored features (default: the "
            + "pipeline's data folder beside the models' split, when there is one)")
    String data;

    @Option(names = "--host", description = "address to listen on (default: 127.0.0.1, this machine only)")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "port (default: 8080; 0 for any free port)")
    int port = 8080;

    @Option(names = "--threads", description = "request threads (default: 8)")
    int threads = 8;

    @Override
    public Integer call() {
        ServeService.run(common.context(), ServeRequest.of(common.context(), models, data, host, port, threads));
        return 0;
    }
}
