package animerec.report.svg;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A numeric axis: a domain {@code [lo, hi]} that starts and ends on a tick, its ticks with their labels, and the
 * value to pixel mapping.
 *
 * <p>Linear ticks are multiples of a step 1, 2 or 5 times a power of ten, the step chosen so that about five intervals
 * cover the data (Heckbert's "nice numbers"): 0..0.47 gives 0, 0.1, ..., 0.5. Log ticks are the powers of ten around
 * the data (3..4000 gives 1, 10, ..., 10000); when that is two decades or fewer, 2 and 5 times each power are ticks
 * too, and when it is more than eight decades, every k-th power is, k the fewest that leaves eight intervals or less.
 * A range of one value is padded (10 % of the value each side, or 1 around 0; a decade each side on a log axis) so that
 * nothing divides by zero.
 */
final class Axis {
    private static final double EPS = 1e-9;
    /** Intervals the linear step aims at. */
    private static final int TARGET = 5;
    private static final int MAX_DECADES = 8;
    private static final String[] SUFFIX = {"", "k", "M", "G", "T"};

    final Scale scale;
    final double lo;
    final double hi;
    private final double[] ticks;
    private final String[] labels;

    private Axis(Scale scale, List<Double> ticks, List<String> labels) {
        this.scale = scale;
        this.ticks = new double[ticks.size()];
        for (int i = 0; i < this.ticks.length; i++) {
            this.ticks[i] = ticks.get(i);
        }
        this.labels = labels.toArray(new String[0]);
        this.lo = this.ticks[0];
        this.hi = this.ticks[this.ticks.length - 1];
    }

    /** The axis covering {@code [min, max]}, both accepted by {@code scale} and {@code min <= max}. */
    static Axis fit(Scale scale, double min, double max) {
        if (!scale.accepts(min) || !scale.accepts(max) || min > max) {
            throw new IllegalArgumentException("no " + scale + " axis from " + min + " to " + max);
        }
        return scale == Scale.LINEAR ? linear(min, max) : log(min, max);
    }

    private static Axis linear(double min, double max) {
        if (min == max) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double raw = (max - min) / TARGET;
        int exp = (int) Math.floor(Math.log10(raw));
        double f = raw / Math.pow(10, exp);
        int m = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        if (m == 10) {
            m = 1;
            exp++;
        }
        double step = m * Math.pow(10, exp);
        long i0 = (long) Math.floor(min / step + EPS);
        long i1 = (long) Math.ceil(max / step - EPS);
        double maxAbs = Math.max(Math.abs(i0 * step), Math.abs(i1 * step));
        int group = maxAbs >= 1e4 ? Math.min(SUFFIX.length - 1, (int) Math.floor(Math.log10(maxAbs) / 3 + EPS)) : 0;
        List<Double> values = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (long i = i0; i <= i1; i++) {
            BigDecimal exact = BigDecimal.valueOf(i * m).scaleByPowerOfTen(exp);
            values.add(exact.doubleValue() + 0.0);
            labels.add(i == 0 ? "0" : label(exact, group, Math.max(0, 3 * group - exp)));
        }
        return new Axis(Scale.LINEAR, values, labels);
    }

    private static Axis log(double min, double max) {
        int e0 = (int) Math.floor(Math.log10(min) + EPS);
        int e1 = (int) Math.ceil(Math.log10(max) - EPS);
        if (e0 == e1) {
            e0--;
            e1++;
        }
        int every = 1;
        if (e1 - e0 > MAX_DECADES) {
            every = (e1 - e0 + MAX_DECADES - 1) / MAX_DECADES;
            e0 = Math.floorDiv(e0, every) * every;
            e1 = -Math.floorDiv(-e1, every) * every;
            while ((e1 - e0) / every > MAX_DECADES) {
                every++;
                e0 = Math.floorDiv(e0, every) * every;
                e1 = -Math.floorDiv(-e1, every) * every;
            }
        }
        int[] multiples = e1 - e0 <= 2 ? new int[] {1, 2, 5} : new int[] {1};
        List<Double> values = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int e = e0; e <= e1; e += every) {
            for (int m : multiples) {
                if (e == e1 && m > 1) {
                    break;
                }
                BigDecimal exact = BigDecimal.valueOf(m).scaleByPowerOfTen(e);
                values.add(Double.parseDouble(m + "e" + e));
                if (e < -4) {
                    labels.add(m + "e" + e);
                } else {
                    int group = e >= 4 ? Math.min(SUFFIX.length - 1, e / 3) : 0;
                    labels.add(label(exact, group, 0));
                }
            }
        }
        return new Axis(Scale.LOG10, values, labels);
    }

    /** {@code v} divided by 1000^group, its suffix after; at least {@code decimals} decimals (trailing zeros kept). */
    private static String label(BigDecimal v, int group, int decimals) {
        BigDecimal scaled = v.scaleByPowerOfTen(-3 * group).stripTrailingZeros();
        if (scaled.scale() < decimals) {
            scaled = scaled.setScale(decimals);
        }
        if (scaled.scale() < 0) {
            scaled = scaled.setScale(0);
        }
        return scaled.toPlainString() + SUFFIX[group];
    }

    double[] ticks() {
        return ticks.clone();
    }

    /** The label of the i-th tick. */
    String label(int i) {
        return labels[i];
    }

    int size() {
        return ticks.length;
    }

    /** Where {@code value} falls when {@code lo} is drawn at pixel {@code from} and {@code hi} at {@code to}. */
    double pixel(double value, double from, double to) {
        double t = scale == Scale.LINEAR
                ? (value - lo) / (hi - lo)
                : (Math.log10(value) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
        return from + t * (to - from);
    }
}
