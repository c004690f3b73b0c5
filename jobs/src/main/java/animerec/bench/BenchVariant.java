package animerec.bench;

import animerec.catalog.ModelCatalog;
import animerec.model.Recommender;
import animerec.util.UserError;
import java.util.LinkedHashMap;
import java.util.Map;

/** A model to benchmark: a family and parameter overrides, labelled {@code name} or {@code name:k=v;k=v}. */
public record BenchVariant(String label, Recommender family, Map<String, String> params) {
    public static BenchVariant parse(String spec) {
        String trimmed = spec.trim();
        int colon = trimmed.indexOf(':');
        Recommender family = ModelCatalog.get(colon < 0 ? trimmed : trimmed.substring(0, colon));
        Map<String, String> params = new LinkedHashMap<>();
        if (colon >= 0) {
            for (String kv : trimmed.substring(colon + 1).split(";")) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new UserError("--models " + spec + ": expected NAME:KEY=VALUE[;KEY=VALUE...]");
                }
                params.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
        family.params(params); // validates names and values now, before anything runs
        return new BenchVariant(trimmed, family, params);
    }
}
