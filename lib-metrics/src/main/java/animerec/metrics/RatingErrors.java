package animerec.metrics;

import java.io.Serializable;

/**
 * Mergeable accumulator of rating prediction errors:
 * <pre>  RMSE = sqrt( sum (actual - predicted)^2 / count )
 *  MAE  = sum |actual - predicted| / count</pre>
 * Both are {@code NaN} when nothing was added. Sums are plain {@code double} sums.
 */
public final class RatingErrors implements Serializable {

    private static final long serialVersionUID = 1L;

    private long count;
    private double sumSquared;
    private double sumAbsolute;

    /**
     * Adds one (actual, predicted) pair.
     *
     * @throws IllegalArgumentException if either value is NaN or infinite (e.g. an unfiltered
     *     cold-start prediction), since it would silently turn both metrics into NaN
     */
    public void add(double actual, double predicted) {
        if (!Double.isFinite(actual) || !Double.isFinite(predicted)) {
            throw new IllegalArgumentException("ratings must be finite, got actual=" + actual
                    + " predicted=" + predicted);
        }
        double error = actual - predicted;
        sumSquared += error * error;
        sumAbsolute += Math.abs(error);
        count++;
    }

    /**
     * Adds the pairs of {@code other} to this accumulator.
     *
     * @return this accumulator
     */
    public RatingErrors merge(RatingErrors other) {
        count += other.count;
        sumSquared += other.sumSquared;
        sumAbsolute += other.sumAbsolute;
        return this;
    }

    /** Number of pairs added. */
    public long count() {
        return count;
    }

    /** Root mean squared error, {@code NaN} when {@code count() == 0}. */
    public double rmse() {
        return count == 0 ? Double.NaN : Math.sqrt(sumSquared / count);
    }

    /** Mean absolute error, {@code NaN} when {@code count() == 0}. */
    public double mae() {
        return count == 0 ? Double.NaN : sumAbsolute / count;
    }
}
