package animerec.serve;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a server answers from, loaded at once and never changed: a reload builds a new state and swaps it in,
 * so a request sees the old state or the new one, never a mix.
 */
public record ServingState(Map<String, ServedModel> models, String defaultModel, Catalogue catalogue,
                           Map<String, SimilarSource> similar, Instant loadedAt, double loadSeconds) {
    public ServingState {
        models = new LinkedHashMap<>(models);
        similar = new LinkedHashMap<>(similar);
        if (!models.isEmpty() && !models.containsKey(defaultModel)) {
            throw new IllegalArgumentException("default model " + defaultModel + " is not served: " + models.keySet());
        }
    }

    /** The served model for {@code NAME} (its served version) or {@code NAME@vX.Y}; null when it is not served. */
    public ServedModel model(String ref) {
        if (ref == null || ref.isEmpty()) {
            return models.get(defaultModel);
        }
        String key = ref.contains("@") ? ref.substring(0, ref.indexOf('@') + 1)
                + (ref.substring(ref.indexOf('@') + 1).startsWith("v") ? "" : "v") + ref.substring(ref.indexOf('@') + 1) : null;
        if (key != null) {
            return models.get(key);
        }
        ServedModel found = null;
        for (ServedModel m : models.values()) {
            if (m.name().equals(ref)) {
                found = m; // the last listed version of that name
            }
        }
        return found;
    }

    public List<String> keys() {
        return List.copyOf(models.keySet());
    }
}
