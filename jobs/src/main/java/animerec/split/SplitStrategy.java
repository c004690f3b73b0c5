package animerec.split;

import java.util.Locale;

/** How test interactions are chosen: per user, or (cold-items) per item. */
public enum SplitStrategy {
    /** A seeded random share of each user's interactions. */
    RANDOM,
    /** The latest share of each user's interactions by timestamp. */
    TEMPORAL,
    /** Each user's single latest interaction (by timestamp; seeded random when there are no timestamps). */
    LEAVE_ONE_OUT,
    /**
     * A seeded random share of the items, with all their interactions, held out: test items nobody in train has
     * seen (item cold start).
     */
    COLD_ITEMS,
    /** An existing train/test pair imported as-is. */
    GIVEN;

    public static SplitStrategy parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new animerec.util.UserError("unknown split strategy '" + s
                    + "' (expected random, temporal, leave-one-out, cold-items or given)");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
