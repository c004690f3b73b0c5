package animerec.model.knn;

import java.util.List;
import java.util.Locale;

/**
 * Surprise's similarity measures between two entities (users, or items), from sums over the "other" side
 * they share (items both users rated, or users who rated both items). A pair with fewer than
 * {@code min_support} common entries has similarity 0.
 */
public enum Similarity {
    /** Σ r_a r_b / √(Σ r_a² Σ r_b²) over the common entries. */
    COSINE,
    /** 1 / (mean squared difference + 1). */
    MSD,
    /** Pearson correlation over the common entries (each side centred on its mean over them). */
    PEARSON,
    /** Correlation of baseline residuals (r − μ − b_u − b_i), shrunk by (n − 1) / (n − 1 + shrinkage). */
    PEARSON_BASELINE;

    public static final List<String> NAMES = List.of("cosine", "msd", "pearson", "pearson_baseline");

    // indices into a pair's sums
    static final int N = 0;
    static final int PROD = 1;
    static final int SQ_A = 2;
    static final int SQ_B = 3;
    static final int SUM_A = 4;
    static final int SUM_B = 5;
    static final int SQ_DIFF = 6;
    static final int RES_PROD = 7;
    static final int RES_SQ_A = 8;
    static final int RES_SQ_B = 9;
    static final int SIZE = 10;

    public static Similarity parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Adds one common entry (ratings a and b, baseline residuals ra and rb) to a pair's sums. */
    static void add(double[] s, double a, double b, double ra, double rb) {
        add(s, 0, a, b, ra, rb);
    }

    /** The same for sums stored from {@code off} in a larger array. */
    static void add(double[] s, int off, double a, double b, double ra, double rb) {
        s[off + N] += 1;
        s[off + PROD] += a * b;
        s[off + SQ_A] += a * a;
        s[off + SQ_B] += b * b;
        s[off + SUM_A] += a;
        s[off + SUM_B] += b;
        s[off + SQ_DIFF] += (a - b) * (a - b);
        s[off + RES_PROD] += ra * rb;
        s[off + RES_SQ_A] += ra * ra;
        s[off + RES_SQ_B] += rb * rb;
    }

    /**
     * The sums this measure needs, as indices into the full layout; the count comes first. Pairs are
     * accumulated in this compact layout ({@link #addCompact}), which for MSD is 2 numbers instead of 10.
     */
    int[] fields() {
        return switch (this) {
            case COSINE -> new int[] {N, PROD, SQ_A, SQ_B};
            case MSD -> new int[] {N, SQ_DIFF};
            case PEARSON -> new int[] {N, PROD, SQ_A, SQ_B, SUM_A, SUM_B};
            case PEARSON_BASELINE -> new int[] {N, RES_PROD, RES_SQ_A, RES_SQ_B};
        };
    }

    int width() {
        return fields().length;
    }

    /** {@link #add} restricted to this measure's fields, in compact layout from {@code off}. */
    void addCompact(double[] s, int off, double a, double b, double ra, double rb) {
        s[off] += 1;
        switch (this) {
            case COSINE -> {
                s[off + 1] += a * b;
                s[off + 2] += a * a;
                s[off + 3] += b * b;
            }
            case MSD -> s[off + 1] += (a - b) * (a - b);
            case PEARSON -> {
                s[off + 1] += a * b;
                s[off + 2] += a * a;
                s[off + 3] += b * b;
                s[off + 4] += a;
                s[off + 5] += b;
            }
            case PEARSON_BASELINE -> {
                s[off + 1] += ra * rb;
                s[off + 2] += ra * ra;
                s[off + 3] += rb * rb;
            }
            default -> throw new IllegalStateException(name());
        }
    }

    /** The similarity from compact sums. */
    double ofCompact(double[] compact, int minSupport, double shrinkage) {
        double[] full = new double[SIZE];
        int[] f = fields();
        for (int i = 0; i < f.length; i++) {
            full[f[i]] = compact[i];
        }
        return of(full, minSupport, shrinkage);
    }

    /** The similarity of a pair from its sums (Surprise's formulas). */
    double of(double[] s, int minSupport, double shrinkage) {
        double n = s[N];
        if (n < minSupport) {
            return 0;
        }
        switch (this) {
            case COSINE: {
                double den = Math.sqrt(s[SQ_A] * s[SQ_B]);
                return den == 0 ? 0 : s[PROD] / den;
            }
            case MSD:
                return 1.0 / (s[SQ_DIFF] / n + 1.0);
            case PEARSON: {
                double num = n * s[PROD] - s[SUM_A] * s[SUM_B];
                double den = Math.sqrt((n * s[SQ_A] - s[SUM_A] * s[SUM_A]) * (n * s[SQ_B] - s[SUM_B] * s[SUM_B]));
                return den == 0 ? 0 : num / den;
            }
            case PEARSON_BASELINE: {
                double den = Math.sqrt(s[RES_SQ_A] * s[RES_SQ_B]);
                return den == 0 ? 0 : s[RES_PROD] / den * ((n - 1) / (n - 1 + shrinkage));
            }
            default:
                throw new IllegalStateException(name());
        }
    }
}
