package animerec.artifact;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a model came from, recorded with every version (Tribuo-style): the seed, the fingerprint of the
 * data it was fitted on, where that data is (so recommending can exclude what users have seen), the split
 * id, the configuration used, and how long the fit took.
 */
public record Provenance(long seed, String dataFingerprint, String trainPath, String splitId, JsonNode config,
                         double fitSeconds) {
}
