package animerec.app;

import animerec.artifact.ModelRegistry;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code animerec serve}: the registry versions {@code models} ({@code NAME} for its latest version or
 * {@code NAME@vX.Y}; {@code named} false when none was given: the latest version of every name, skipping those
 * that cannot be served) of the registry at {@code artifacts}, with the item
 * table and stored features of {@code data} (null: the pipeline's data folder beside the models' split, when there
 * is one), answered on {@code host:port} by {@code threads} threads. Checked before any Spark session: the registry
 * and every named version exist, the data folder exists, and the port can be bound.
 */
public record ServeRequest(String artifacts, List<String> models, boolean named, String data, String host, int port,
                           int threads) {
    public static ServeRequest of(AppContext ctx, List<String> models, String data, String host, int port, int threads) {
        String artifacts = ctx.config().paths.artifacts;
        Inputs inputs = new Inputs(ctx);
        inputs.folder(artifacts, "--artifacts");
        ModelRegistry registry = ctx.registry();
        List<JsonNode> entries = registry.list();
        if (entries.isEmpty()) {
            throw new UserError("--artifacts " + artifacts + ": no registered model to serve (train one first)");
        }
        List<String> refs = new ArrayList<>();
        if (models == null || models.isEmpty()) {
            LinkedHashSet<String> names = new LinkedHashSet<>();
            entries.forEach(e -> names.add(e.path("name").asText()));
            refs.addAll(names);
        } else {
            for (String m : models) {
                registry.resolve(m.trim()); // a missing name or version: one line naming it
                refs.add(m.trim());
            }
        }
        if (data != null) {
            inputs.folder(data, "--data");
        }
        if (host == null || host.isBlank()) {
            throw new UserError("--host: give an address to listen on, e.g. 127.0.0.1");
        }
        if (port < 0 || port > 65_535) {
            throw new UserError("--port must be between 0 (any free port) and 65535, got " + port);
        }
        if (threads < 1 || threads > 256) {
            throw new UserError("--threads must be between 1 and 256, got " + threads);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (IOException e) {
            throw new UserError("--host " + host + ": not an address of this machine (" + e.getMessage() + ")");
        }
        if (port != 0) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(address, port));
            } catch (IOException e) {
                throw new UserError("--port " + port + ": cannot listen on " + host + ":" + port + " (" + e.getMessage()
                        + "); pick another port, or 0 for any free one");
            }
        }
        return new ServeRequest(artifacts, List.copyOf(refs), models != null && !models.isEmpty(), data, host, port, threads);
    }
}
