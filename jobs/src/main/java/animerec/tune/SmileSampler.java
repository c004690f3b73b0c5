package animerec.tune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import smile.hpo.Hyperparameters;
import smile.math.MathEx;

/**
 * Random and grid search through Smile's {@link Hyperparameters}. Log-scale parameters are registered as a
 * range of their logarithm and exponentiated back; ints with a step as an int range. The random sequence is
 * drawn once from {@code MathEx.setSeed(seed)}, so trial n always gets the n-th draw, also after a resume. Grid
 * search enumerates Smile's grid (numeric ranges on {@code grid_points} values) and cycles when it runs out.
 */
public final class SmileSampler implements Sampler {
    private final SearchSpace space;
    private final List<Map<String, String>> sequence;

    private SmileSampler(SearchSpace space, List<Map<String, String>> sequence) {
        this.space = space;
        this.sequence = sequence;
    }

    public static SmileSampler random(SearchSpace space, long seed, int trials) {
        Hyperparameters hp = hyperparameters(space, 0);
        List<Properties> draws;
        synchronized (MathEx.class) {
            MathEx.setSeed(seed);
            draws = hp.random().limit(Math.max(1, trials)).toList();
        }
        return new SmileSampler(space, convert(space, draws));
    }

    public static SmileSampler grid(SearchSpace space, int gridPoints) {
        return new SmileSampler(space, convert(space, hyperparameters(space, gridPoints).grid().toList()));
    }

    /** @param gridPoints 0: continuous ranges (random search); else the number of values per numeric range */
    private static Hyperparameters hyperparameters(SearchSpace space, int gridPoints) {
        Hyperparameters hp = new Hyperparameters();
        for (SearchSpace.Dimension d : space.searched()) {
            switch (d.kind()) {
                case CATEGORICAL -> hp.add(d.name(), d.choices().toArray(new String[0]));
                case INT -> {
                    if (d.log() || gridPoints > 0) {
                        hp.add(d.name(), points(d, gridPoints > 0 ? gridPoints : 0));
                    } else {
                        // every allowed value (low, low + step, ..., high): Smile's random int range ignores the step
                        int n = (int) ((d.high() - d.low()) / d.step()) + 1;
                        int[] values = new int[n];
                        for (int i = 0; i < n; i++) {
                            values[i] = (int) d.low() + i * d.step();
                        }
                        hp.add(d.name(), values);
                    }
                }
                case FLOAT -> {
                    if (gridPoints > 0) {
                        hp.add(d.name(), points(d, gridPoints));
                    } else {
                        hp.add(d.name(), d.lo(), d.hi());
                    }
                }
                case FIXED -> { }
            }
        }
        return hp;
    }

    /** Evenly spaced values in the internal space (continuous when n = 0 is asked for an int log range: 64 points). */
    private static double[] points(SearchSpace.Dimension d, int n) {
        int m = n > 0 ? n : 64;
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            out[i] = m == 1 ? d.lo() : d.lo() + (d.hi() - d.lo()) * i / (m - 1);
        }
        return out;
    }

    private static List<Map<String, String>> convert(SearchSpace space, List<Properties> draws) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Properties p : draws) {
            Map<String, String> params = new LinkedHashMap<>();
            for (SearchSpace.Dimension d : space.searched()) {
                String raw = p.getProperty(d.name());
                params.put(d.name(), switch (d.kind()) {
                    case CATEGORICAL -> raw;
                    case INT -> d.log() || raw.contains(".") ? d.format(Double.parseDouble(raw)) : raw;
                    case FLOAT -> d.format(Double.parseDouble(raw));
                    case FIXED -> d.value();
                });
            }
            params.putAll(space.fixed());
            out.add(params);
        }
        return out;
    }

    @Override
    public boolean independent() {
        return true;
    }

    @Override
    public Map<String, String> sample(int number, List<Trial> finished) {
        return sequence.get(number % sequence.size());
    }
}
