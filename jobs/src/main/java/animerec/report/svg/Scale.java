package animerec.report.svg;

/** How an axis maps values to positions. */
public enum Scale {
    /** Equal distances for equal differences; ticks in 1-2-5 steps. */
    LINEAR,
    /** Equal distances for equal ratios; ticks at powers of ten. Values {@code <= 0} cannot be drawn and are skipped. */
    LOG10;

    /** Whether {@code v} can be placed on this scale: finite, and positive for {@link #LOG10}. */
    boolean accepts(double v) {
        return Double.isFinite(v) && (this == LINEAR || v > 0);
    }
}
