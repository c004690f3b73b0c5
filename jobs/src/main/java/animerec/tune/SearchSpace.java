package animerec.tune;

import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's hyperparameter search space, declared once in {@code conf/tuning/<model>.yaml} (read by the job, passed
 * here as a JSON tree): each parameter is {@code int} (low, high, optional step and log), {@code float} (low,
 * high, optional log), {@code categorical} (choices) or {@code fixed} (value).
 */
public final class SearchSpace implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** One searched or fixed parameter. */
    public record Dimension(String name, Kind kind, double low, double high, int step, boolean log, List<String> choices,
                            String value) implements java.io.Serializable {
        /** A value in the sampler's internal space (log for log params, index for categoricals) as the model's string. */
        public String format(double internal) {
            return switch (kind) {
                case INT -> {
                    double v = log ? Math.exp(internal) : internal;
                    long r = Math.round((v - low) / step) * step + (long) low;
                    yield String.valueOf(Math.max((long) low, Math.min((long) high, r)));
                }
                case FLOAT -> {
                    double v = log ? Math.exp(internal) : internal;
                    yield String.valueOf(Math.max(low, Math.min(high, v)));
                }
                case CATEGORICAL -> choices.get((int) internal);
                case FIXED -> value;
            };
        }

        /** The model's string value in the sampler's internal space. */
        public double internal(String v) {
            return switch (kind) {
                case INT, FLOAT -> log ? Math.log(Double.parseDouble(v)) : Double.parseDouble(v);
                case CATEGORICAL -> choices.indexOf(v);
                case FIXED -> 0;
            };
        }

        /** Bounds in the internal space. */
        public double lo() {
            return log ? Math.log(low) : low;
        }

        public double hi() {
            return log ? Math.log(high) : high;
        }
    }

    /** Parameter kinds. */
    public enum Kind {
        INT, FLOAT, CATEGORICAL, FIXED
    }

    private final String model;
    private final List<Dimension> dimensions;

    public SearchSpace(String model, List<Dimension> dimensions) {
        this.model = model;
        this.dimensions = List.copyOf(dimensions);
    }

    public String model() {
        return model;
    }

    public List<Dimension> dimensions() {
        return dimensions;
    }

    /** The searched dimensions (not fixed). */
    public List<Dimension> searched() {
        return dimensions.stream().filter(d -> d.kind() != Kind.FIXED).toList();
    }

    /** Fixed values as model parameters. */
    public Map<String, String> fixed() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Dimension d : dimensions) {
            if (d.kind() == Kind.FIXED) {
                out.put(d.name(), d.value());
            }
        }
        return out;
    }

    /**
     * @param source a name for messages (the file)
     * @param params the {@code params} mapping: name → {type, ...}
     */
    public static SearchSpace parse(String source, String model, JsonNode params) {
        if (params == null || !params.isObject() || params.isEmpty()) {
            throw new UserError(source + ": 'params' must map parameter names to {type: ...}");
        }
        List<Dimension> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = params.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode n = e.getValue();
            String where = source + ": params." + name;
            String type = n.path("type").asText("");
            for (Iterator<String> keys = n.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!List.of("type", "low", "high", "step", "log", "choices", "value").contains(key)) {
                    throw new UserError(where + "." + key + ": unknown key (expected type, low, high, step, log, choices, value)");
                }
            }
            switch (type) {
                case "int", "float" -> {
                    if (!n.path("low").isNumber() || !n.path("high").isNumber()) {
                        throw new UserError(where + ": " + type + " needs numeric low and high");
                    }
                    double low = n.path("low").asDouble();
                    double high = n.path("high").asDouble();
                    boolean log = n.path("log").asBoolean(false);
                    if (!(low < high) || (log && low <= 0)) {
                        throw new UserError(where + ": needs low < high (and low > 0 with log: true)");
                    }
                    int step = type.equals("int") ? n.path("step").asInt(1) : 0;
                    if (type.equals("int") && (step < 1 || low != Math.rint(low) || high != Math.rint(high))) {
                        throw new UserError(where + ": int needs integer low, high and step >= 1");
                    }
                    out.add(new Dimension(name, type.equals("int") ? Kind.INT : Kind.FLOAT, low, high, step, log, List.of(), null));
                }
                case "categorical" -> {
                    JsonNode c = n.path("choices");
                    if (!c.isArray() || c.isEmpty()) {
                        throw new UserError(where + ": categorical needs a non-empty choices list");
                    }
                    List<String> choices = new ArrayList<>();
                    c.forEach(x -> choices.add(x.asText()));
                    out.add(new Dimension(name, Kind.CATEGORICAL, 0, choices.size() - 1, 0, false, choices, null));
                }
                case "fixed" -> {
                    if (n.path("value").isMissingNode() || n.path("value").isNull()) {
                        throw new UserError(where + ": fixed needs a value");
                    }
                    out.add(new Dimension(name, Kind.FIXED, 0, 0, 0, false, List.of(), n.path("value").asText()));
                }
                default -> throw new UserError(where + ".type: '" + type + "' is not int, float, categorical or fixed");
            }
        }
        return new SearchSpace(model, out);
    }
}
