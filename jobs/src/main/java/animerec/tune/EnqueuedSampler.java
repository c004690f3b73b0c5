package animerec.tune;

import animerec.util.UserError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Optuna's {@code enqueue_trial}: the study's first trials run given parameters (the model's defaults, or a known good
 * setting), and the wrapped sampler's trials follow. Trial n &lt; q runs the n-th queued setting; trial n &ge; q runs
 * what the wrapped sampler gives for its own trial n − q, so its sequence is the one it has without a queue (the
 * random and grid draws are the same, only later), and TPE sees the queued trials among the finished ones.
 */
public final class EnqueuedSampler implements Sampler {
    /** The {@code --enqueue} word for the model's default parameters. */
    public static final String DEFAULTS = "defaults";

    private final List<Map<String, String>> queue;
    private final Sampler then;

    /**
     * @param queue each setting names every searched parameter of the space (fixed ones may be left out), with a value
     *              inside its range or among its choices
     */
    public EnqueuedSampler(SearchSpace space, List<Map<String, String>> queue, Sampler then) {
        List<Map<String, String>> checked = new ArrayList<>();
        for (int i = 0; i < queue.size(); i++) {
            checked.add(complete(space, queue.get(i), "enqueued trial " + i));
        }
        this.queue = List.copyOf(checked);
        this.then = then;
    }

    /**
     * The settings of {@code --enqueue} options: {@value #DEFAULTS} (the space's searched parameters at the model's
     * defaults), or {@code name=value,name=value,...}.
     *
     * @param defaults the model's default parameter values, by name
     */
    public static List<Map<String, String>> parse(List<String> specs, SearchSpace space, Map<String, String> defaults) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String spec : specs) {
            if (spec.trim().equals(DEFAULTS)) {
                Map<String, String> setting = new LinkedHashMap<>();
                for (SearchSpace.Dimension d : space.searched()) {
                    setting.put(d.name(), defaults.get(d.name()));
                }
                out.add(complete(space, setting, "--enqueue " + DEFAULTS + ", the " + space.model() + " model's default"));
                continue;
            }
            Map<String, String> setting = new LinkedHashMap<>();
            for (String pair : spec.split(",", -1)) {
                int eq = pair.indexOf('=');
                if (eq <= 0 || eq == pair.length() - 1) {
                    throw new UserError("--enqueue '" + spec + "': expected " + DEFAULTS + " or name=value,name=value,...; "
                            + "'" + pair + "' is not name=value");
                }
                String name = pair.substring(0, eq).trim();
                if (setting.put(name, pair.substring(eq + 1).trim()) != null) {
                    throw new UserError("--enqueue '" + spec + "': '" + name + "' is given twice");
                }
            }
            out.add(complete(space, setting, "--enqueue '" + spec + "'"));
        }
        return out;
    }

    /** The queue as one line, {@code name=value,...;name=value,...} in the space's order: what study.json records. */
    public String describe() {
        List<String> settings = new ArrayList<>();
        for (Map<String, String> setting : queue) {
            List<String> pairs = new ArrayList<>();
            setting.forEach((k, v) -> pairs.add(k + "=" + v));
            settings.add(String.join(",", pairs));
        }
        return String.join(";", settings);
    }

    public int size() {
        return queue.size();
    }

    @Override
    public Map<String, String> sample(int number, List<Trial> finished) {
        return number < queue.size() ? queue.get(number) : then.sample(number - queue.size(), finished);
    }

    @Override
    public boolean independent() {
        return then.independent();
    }

    /** The setting in the space's order, with the fixed values; every searched value checked against its range. */
    private static Map<String, String> complete(SearchSpace space, Map<String, String> given, String what) {
        for (String name : given.keySet()) {
            if (space.dimensions().stream().noneMatch(d -> d.name().equals(name))) {
                throw new UserError(what + ": '" + name + "' is not a parameter of the " + space.model() + " search space "
                        + names(space.dimensions()));
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (SearchSpace.Dimension d : space.dimensions()) {
            String v = given.get(d.name());
            if (d.kind() == SearchSpace.Kind.FIXED) {
                if (v != null && !sameValue(v, d.value())) {
                    throw new UserError(what + ": " + d.name() + " is fixed at " + d.value() + " in the search space, not " + v);
                }
                out.put(d.name(), d.value());
                continue;
            }
            if (v == null) {
                throw new UserError(what + ": no value for the searched parameter '" + d.name() + "' (an enqueued trial "
                        + "gives every searched parameter)");
            }
            out.put(d.name(), checked(d, v, what));
        }
        return out;
    }

    private static String checked(SearchSpace.Dimension d, String v, String what) {
        String where = what + ": " + d.name() + "=" + v;
        switch (d.kind()) {
            case CATEGORICAL -> {
                if (!d.choices().contains(v)) {
                    throw new UserError(where + " is not one of the choices " + d.choices());
                }
                return v;
            }
            case INT -> {
                long x;
                try {
                    x = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw new UserError(where + " is not an integer");
                }
                if (x < d.low() || x > d.high()) {
                    throw new UserError(where + " is outside the range [" + (long) d.low() + ", " + (long) d.high() + "]");
                }
                if ((x - (long) d.low()) % d.step() != 0) {
                    throw new UserError(where + " is not on the range's step: " + (long) d.low() + ", "
                            + ((long) d.low() + d.step()) + ", ... (step " + d.step() + ")");
                }
                return String.valueOf(x);
            }
            default -> {
                double x;
                try {
                    x = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new UserError(where + " is not a number");
                }
                if (!(x >= d.low() && x <= d.high())) {
                    throw new UserError(where + " is outside the range [" + d.low() + ", " + d.high() + "]");
                }
                return String.valueOf(x);
            }
        }
    }

    /** The same text, or the same number ("7" and "7.0"), or the same boolean whatever its case. */
    private static boolean sameValue(String a, String b) {
        if (a.equals(b) || (a.equalsIgnoreCase(b) && (a.equalsIgnoreCase("true") || a.equalsIgnoreCase("false")))) {
            return true;
        }
        try {
            return Double.parseDouble(a) == Double.parseDouble(b);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<String> names(List<SearchSpace.Dimension> dims) {
        return dims.stream().map(SearchSpace.Dimension::name).toList();
    }
}
