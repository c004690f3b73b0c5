package animerec.data.generate;

import java.io.Serializable;

/**
 * Parameters of a synthetic anime dataset.
 *
 * @param users        number of users; user ids are {@code 1..users}
 * @param items        number of anime; anime ids are {@code 1..items}
 * @param interactions target total number of (user, anime) interactions; the generated total
 *                     lands close to it (per-user counts are random)
 * @param seed         master seed; the same spec always yields the same data
 * @param unratedShare share of interactions that are "watched, not rated" (rating {@code null})
 * @param factors      dimension of the latent factors behind the ratings
 */
public record SampleSpec(int users, int items, long interactions, long seed,
                         double unratedShare, int factors) implements Serializable {

    /** A small but realistic default: 2000 users, 800 anime, 120k interactions. */
    public static SampleSpec defaults() {
        return new SampleSpec(2000, 800, 120_000L, 42L, 0.1, 8);
    }

    /**
     * Checks that the spec can be generated.
     *
     * @return this spec, for chaining
     * @throws IllegalArgumentException naming the offending field
     */
    public SampleSpec validate() {
        if (users < 1) {
            throw new IllegalArgumentException("users must be >= 1, got " + users);
        }
        if (items < 10) {
            throw new IllegalArgumentException("items must be >= 10, got " + items);
        }
        if (interactions < users) {
            throw new IllegalArgumentException(
                    "interactions must be >= users (" + users + "), got " + interactions);
        }
        double max = (double) users * items * 0.5;
        if (interactions > max) {
            throw new IllegalArgumentException("interactions must be <= users*items/2 ("
                    + (long) max + "), got " + interactions);
        }
        if (!(unratedShare >= 0.0 && unratedShare < 1.0)) {
            throw new IllegalArgumentException("unratedShare must be in [0, 1), got " + unratedShare);
        }
        if (factors < 1) {
            throw new IllegalArgumentException("factors must be >= 1, got " + factors);
        }
        return this;
    }
}
