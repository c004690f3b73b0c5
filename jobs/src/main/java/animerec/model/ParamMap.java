package animerec.model;

import animerec.data.Fingerprints;
import animerec.util.UserError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Validated parameter values of one model: every declared parameter has a value (its default unless set). */
public final class ParamMap implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final String model;
    private final LinkedHashMap<String, Object> values;

    private ParamMap(String model, LinkedHashMap<String, Object> values) {
        this.model = model;
        this.values = values;
    }

    /**
     * Builds the map from raw string values; an unknown key is a {@link UserError} listing the known ones.
     */
    public static ParamMap of(String model, List<Param<?>> declared, Map<String, String> raw) {
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        Map<String, Param<?>> byName = new LinkedHashMap<>();
        for (Param<?> p : declared) {
            byName.put(p.name(), p);
            values.put(p.name(), p.defaultValue());
        }
        for (Map.Entry<String, String> e : raw.entrySet()) {
            Param<?> p = byName.get(e.getKey());
            if (p == null) {
                throw new UserError(model + ": unknown parameter '" + e.getKey() + "' (known: "
                        + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())) + ")");
            }
            values.put(p.name(), p.parse(model, e.getValue()));
        }
        return new ParamMap(model, values);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Param<T> p) {
        if (!values.containsKey(p.name())) {
            throw new IllegalArgumentException(model + " has no parameter " + p.name());
        }
        return (T) values.get(p.name());
    }

    /** Values as plain strings, in declaration order (for JSON and for reloading). */
    public Map<String, String> asStrings() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /** A short stable hash of the values (key order independent). */
    public String hash() {
        return Fingerprints.sha256(model + new TreeMap<>(asStrings())).substring(0, 12);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
