package animerec.app;

import animerec.util.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Prints the registry's versions, or one version's manifest entry, reading the manifest without a SparkSession. */
public final class ModelsService {
    private ModelsService() {
    }

    /** Every registered version, one line each; "no models in ROOT" when there is none. */
    public static List<JsonNode> list(AppContext ctx, ModelsRequest request) {
        List<JsonNode> entries = ctx.registry().list();
        if (entries.isEmpty()) {
            System.out.println("no models in " + request.artifacts());
            return entries;
        }
        System.out.printf("%-22s %-8s %-12s %-18s %-10s %-24s%n", "name", "version", "params", "split", "ndcg@10", "created");
        for (JsonNode e : entries) {
            JsonNode ndcg = e.path("metrics").path("ndcg@10");
            System.out.printf("%-22s %-8s %-12s %-18s %-10s %-24s%n", e.path("name").asText(), e.path("version").asText(),
                    e.path("params_hash").asText(), e.path("split_id").asText(),
                    ndcg.isMissingNode() ? "-" : String.format("%.4f", ndcg.asDouble()), e.path("created").asText());
        }
        return entries;
    }

    /** The manifest entry of {@code request.model()} (its latest version without {@code @vX.Y}), as JSON. */
    public static JsonNode show(AppContext ctx, ModelsRequest request) {
        JsonNode entry = ctx.registry().resolve(request.model());
        System.out.println(Json.write(entry));
        return entry;
    }
}
