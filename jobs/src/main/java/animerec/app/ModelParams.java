package animerec.app;

import animerec.config.AnimerecConfig;
import animerec.eval.Relevance;
import animerec.model.ParamMap;
import animerec.model.Recommender;
import animerec.model.content.ContentKind;
import java.util.LinkedHashMap;
import java.util.Map;

/** A model's parameters from the config's models section and command-line overrides (validated by the model). */
public final class ModelParams {
    private ModelParams() {
    }

    /** Parameters from the config's models section, then command-line overrides. */
    public static ParamMap of(AnimerecConfig config, Recommender family, Map<String, String> overrides) {
        Map<String, String> raw = new LinkedHashMap<>(config.models.getOrDefault(family.name(), Map.of()));
        raw.putAll(overrides);
        return family.params(withEvaluationRelevance(config, family, raw));
    }

    /**
     * A family that evaluates while it fits (it declares the {@link Relevance#PARAM} parameter, as the hybrids do) counts
     * as relevant what the evaluation does, unless its own relevance is set.
     */
    public static Map<String, String> withEvaluationRelevance(AnimerecConfig config, Recommender family, Map<String, String> raw) {
        boolean declares = family.params().stream().anyMatch(p -> p.name().equals(Relevance.PARAM));
        if (declares && !raw.containsKey(Relevance.PARAM)) {
            Map<String, String> out = new LinkedHashMap<>(raw);
            out.put(Relevance.PARAM, config.evaluation.relevance);
            return out;
        }
        return raw;
    }

    /** models.<kind> from the config, with {@code embeddings} (may be null) as embeddings_path. */
    public static ParamMap features(AnimerecConfig config, ContentKind kind, String embeddings) {
        Map<String, String> raw = new LinkedHashMap<>(config.models.getOrDefault(kind.label(), Map.of()));
        if (embeddings != null && kind == ContentKind.EMBEDDING) {
            raw.put(ContentKind.EMBEDDINGS_PATH.name(), embeddings);
        }
        return ParamMap.of(kind.label(), kind.recommenderParams(), raw);
    }
}
