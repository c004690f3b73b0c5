package animerec.tune;

import animerec.util.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import smile.math.special.Erf;

/**
 * Tree-structured Parzen Estimator with Optuna's default (independent, univariate) semantics. The first
 * {@code nStartup} trials come from the seeded random sequence. After that, completed trials are ranked (value,
 * then tie-break) and split into the best γ(n) = min(⌈0.1·n⌉, 25) ("good") and the rest; for each parameter
 * a Parzen estimator is fitted to each group — truncated Gaussians in the internal space (log space for log
 * parameters) plus a prior component centred on the range, or smoothed category counts — and of
 * {@code nCandidates} draws from l (the good estimator) the one maximising l(x) / g(x) is kept. Seeded per trial.
 */
public final class TpeSampler implements Sampler {
    private final SearchSpace space;
    private final Sampler startup;
    private final int nStartup;
    private final int nCandidates;
    private final long seed;

    public TpeSampler(SearchSpace space, Sampler startup, int nStartup, int nCandidates, long seed) {
        this.space = space;
        this.startup = startup;
        this.nStartup = nStartup;
        this.nCandidates = nCandidates;
        this.seed = seed;
    }

    static int gamma(int n) {
        return Math.min((int) Math.ceil(0.1 * n), 25);
    }

    @Override
    public Map<String, String> sample(int number, List<Trial> finished) {
        List<Trial> complete = new ArrayList<>(finished.stream().filter(t -> t.state() == Trial.State.COMPLETE).toList());
        if (complete.size() < nStartup) {
            return startup.sample(number, finished);
        }
        complete.sort((a, b) -> a.betterThan(b) ? -1 : b.betterThan(a) ? 1 : 0);
        int nGood = Math.max(1, gamma(complete.size()));
        List<Trial> good = complete.subList(0, nGood);
        List<Trial> bad = complete.subList(nGood, complete.size());
        SplittableRandom rnd = new SplittableRandom(Seeds.mix(seed * 0x9E3779B97F4A7C15L + number));
        Map<String, String> out = new LinkedHashMap<>();
        for (SearchSpace.Dimension d : space.searched()) {
            double[] gx = values(good, d);
            double[] bx = values(bad, d);
            double best = Double.NaN;
            double bestScore = Double.NEGATIVE_INFINITY;
            if (d.kind() == SearchSpace.Kind.CATEGORICAL) {
                double[] l = categorical(gx, d.choices().size());
                double[] g = categorical(bx, d.choices().size());
                for (int c = 0; c < nCandidates; c++) {
                    int x = draw(l, rnd);
                    double score = Math.log(l[x]) - Math.log(g[x]);
                    if (score > bestScore) {
                        bestScore = score;
                        best = x;
                    }
                }
            } else {
                Parzen l = Parzen.fit(gx, d.lo(), d.hi());
                Parzen g = Parzen.fit(bx, d.lo(), d.hi());
                for (int c = 0; c < nCandidates; c++) {
                    double x = l.draw(rnd);
                    if (d.kind() == SearchSpace.Kind.INT) {
                        x = d.internal(d.format(x)); // evaluate where the integer actually lies
                    }
                    double score = l.logDensity(x) - g.logDensity(x);
                    if (score > bestScore) {
                        bestScore = score;
                        best = x;
                    }
                }
            }
            out.put(d.name(), d.format(best));
        }
        out.putAll(space.fixed());
        return out;
    }

    private static double[] values(List<Trial> trials, SearchSpace.Dimension d) {
        List<Double> xs = new ArrayList<>();
        for (Trial t : trials) {
            String v = t.params().get(d.name());
            if (v != null) {
                double x = d.internal(v);
                if (d.kind() != SearchSpace.Kind.CATEGORICAL || x >= 0) { // a category no longer listed is skipped
                    xs.add(x);
                }
            }
        }
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Category weights: counts plus a prior of 1 spread evenly over the categories (Optuna's prior weight). */
    static double[] categorical(double[] observed, int k) {
        double[] w = new double[k];
        Arrays.fill(w, 1.0 / k);
        for (double x : observed) {
            w[(int) x] += 1;
        }
        double sum = Arrays.stream(w).sum();
        for (int i = 0; i < k; i++) {
            w[i] /= sum;
        }
        return w;
    }

    private static int draw(double[] p, SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double acc = 0;
        for (int i = 0; i < p.length; i++) {
            acc += p[i];
            if (u < acc) {
                return i;
            }
        }
        return p.length - 1;
    }

    /**
     * A mixture of Gaussians truncated to [lo, hi]: one per observation plus a prior N(centre, range), equal
     * weights. Each observation's bandwidth is the larger gap to its sorted neighbours (the bounds count as
     * neighbours), clipped to [range / min(100, 1 + n), range] — Optuna's defaults.
     */
    static final class Parzen {
        final double[] mu;
        final double[] sigma;
        final double lo;
        final double hi;

        Parzen(double[] mu, double[] sigma, double lo, double hi) {
            this.mu = mu;
            this.sigma = sigma;
            this.lo = lo;
            this.hi = hi;
        }

        static Parzen fit(double[] xs, double lo, double hi) {
            double range = hi - lo;
            double[] sorted = xs.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            double[] mu = new double[n + 1];
            double[] sigma = new double[n + 1];
            double minSigma = range / Math.min(100.0, 1.0 + n);
            for (int i = 0; i < n; i++) {
                double left = sorted[i] - (i == 0 ? lo : sorted[i - 1]);
                double right = (i == n - 1 ? hi : sorted[i + 1]) - sorted[i];
                mu[i] = sorted[i];
                sigma[i] = Math.max(minSigma, Math.min(range, Math.max(left, right)));
            }
            mu[n] = lo + range / 2;
            sigma[n] = range;
            return new Parzen(mu, sigma, lo, hi);
        }

        double draw(SplittableRandom rnd) {
            int c = rnd.nextInt(mu.length);
            for (int attempt = 0; attempt < 100; attempt++) {
                double x = mu[c] + sigma[c] * animerec.util.Seeds.gaussian(rnd);
                if (x >= lo && x <= hi) {
                    return x;
                }
            }
            return Math.max(lo, Math.min(hi, mu[c]));
        }

        double logDensity(double x) {
            double p = 0;
            for (int c = 0; c < mu.length; c++) {
                double z = (x - mu[c]) / sigma[c];
                double mass = cdf((hi - mu[c]) / sigma[c]) - cdf((lo - mu[c]) / sigma[c]);
                p += Math.exp(-0.5 * z * z) / (sigma[c] * Math.sqrt(2 * Math.PI)) / Math.max(mass, 1e-12);
            }
            return Math.log(Math.max(p / mu.length, 1e-300));
        }

        private static double cdf(double z) {
            return 0.5 * (1 + Erf.erf(z / Math.sqrt(2)));
        }
    }
}
