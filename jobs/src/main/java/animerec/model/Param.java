package animerec.model;

import animerec.util.UserError;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A typed, documented model parameter with a default and a validity rule (Spark ML's {@code Param} idea,
 * without Scala). Values arrive as strings from the command line or config and are parsed here.
 */
public final class Param<T> {
    private final String name;
    private final String doc;
    private final T defaultValue;
    private final Function<String, T> parser;
    private final Predicate<T> valid;
    private final String validDoc;

    private Param(String name, String doc, T defaultValue, Function<String, T> parser, Predicate<T> valid,
                  String validDoc) {
        this.name = name;
        this.doc = doc;
        this.defaultValue = defaultValue;
        this.parser = parser;
        this.valid = valid;
        this.validDoc = validDoc;
        if (!valid.test(defaultValue)) {
            throw new IllegalArgumentException("default of " + name + " is not valid: " + defaultValue);
        }
    }

    public static Param<Integer> intParam(String name, String doc, int def, int min, int max) {
        return new Param<>(name, doc, def, Integer::valueOf, v -> v >= min && v <= max,
                "an integer in [" + min + ", " + max + "]");
    }

    public static Param<Double> doubleParam(String name, String doc, double def, double min, double max) {
        return new Param<>(name, doc, def, Double::valueOf, v -> !v.isNaN() && v >= min && v <= max,
                "a number in [" + min + ", " + max + "]");
    }

    public static Param<Boolean> boolParam(String name, String doc, boolean def) {
        return new Param<>(name, doc, def, s -> {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "true": return true;
                case "false": return false;
                default: throw new IllegalArgumentException("not a boolean");
            }
        }, v -> true, "true or false");
    }

    public static Param<String> choiceParam(String name, String doc, String def, List<String> choices) {
        return new Param<>(name, doc, def, String::trim, choices::contains, "one of " + String.join(", ", choices));
    }

    /** A free-form string (a path, for example); {@code ""} is the empty default. */
    public static Param<String> stringParam(String name, String doc, String def) {
        return new Param<>(name, doc, def, String::trim, v -> true, "a string");
    }

    public String name() {
        return name;
    }

    public String doc() {
        return doc;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String validDoc() {
        return validDoc;
    }

    /** Parses and validates a raw value; a bad value is a {@link UserError} naming the parameter. */
    public T parse(String model, String raw) {
        T value;
        try {
            value = parser.apply(raw);
        } catch (RuntimeException e) {
            throw new UserError(model + ": parameter " + name + " = '" + raw + "' is not " + validDoc);
        }
        if (!valid.test(value)) {
            throw new UserError(model + ": parameter " + name + " = '" + raw + "' is not " + validDoc);
        }
        return value;
    }
}
