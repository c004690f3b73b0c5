package animerec.data.ingest;

/**
 * How raw rating values are accepted: the rating scale [min, max], and an optional "watched, not rated"
 * marker value (Kaggle anime uses -1) that is kept as an implicit interaction with a null rating, or dropped.
 * An empty rating field is watched-unrated too, marker or not.
 */
public record RatingRules(double min, double max, Double unratedMarker, boolean keepUnrated)
        implements java.io.Serializable {

    public RatingRules {
        if (!(min <= max)) {
            throw new animerec.util.UserError("rating scale: min " + min + " is above max " + max);
        }
    }

    public static RatingRules scale(double min, double max) {
        return new RatingRules(min, max, null, true);
    }

    /** Outcome of checking one raw value: the rating to store (null = implicit), or a reason to reject. */
    public record Checked(Double rating, String rejection, boolean drop) {
    }

    public Checked check(double raw) {
        if (unratedMarker != null && raw == unratedMarker) {
            return unrated();
        }
        if (Double.isNaN(raw) || raw < min || raw > max) {
            return new Checked(null, "rating outside the scale: " + fmt(raw) + " not in [" + fmt(min) + ", " + fmt(max) + "]", false);
        }
        return new Checked(raw, null, false);
    }

    /** A watched-unrated interaction (the marker, or an empty field): a null rating, or dropped. */
    public Checked unrated() {
        return new Checked(null, null, !keepUnrated);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
