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
 * @param tastes       how strongly users' tastes and items' popularity decide what a user watches
 */
public record SampleSpec(int users, int items, long interactions, long seed,
                         double unratedShare, int factors, Tastes tastes) implements Serializable {

    /**
     * The knobs of what a user watches: item {@code i} is drawn with weight
     * {@code popularity(i) * exp(genreAffinity * genreMatch(u, i) + latentAffinity * dot(u, i))}, where
     * {@code popularity(i) = rank(i)^-popularityExponent} (Zipf), {@code genreMatch} is the share of the user's taste
     * on the item's genres (0..1 and more for an item of several favourite genres) and {@code dot} the product of
     * their latent factors (typically -1..3). Zero affinities make every user watch by popularity alone.
     *
     * @param genreAffinity      weight of the genre match in the log-odds of watching
     * @param latentAffinity     weight of the latent-factor match
     * @param popularityExponent Zipf exponent of the item popularity
     */
    public record Tastes(double genreAffinity, double latentAffinity, double popularityExponent) implements Serializable {
        /** Tastes strong enough that personalised models clearly beat popularity, with a power-law popularity. */
        public static Tastes defaults() {
            return new Tastes(3.0, 1.5, 1.1);
        }

        void validate() {
            if (!(genreAffinity >= 0 && genreAffinity <= 20)) {
                throw new IllegalArgumentException("genreAffinity must be in [0, 20], got " + genreAffinity);
            }
            if (!(latentAffinity >= 0 && latentAffinity <= 20)) {
                throw new IllegalArgumentException("latentAffinity must be in [0, 20], got " + latentAffinity);
            }
            if (!(popularityExponent >= 0 && popularityExponent <= 5)) {
                throw new IllegalArgumentException("popularityExponent must be in [0, 5], got " + popularityExponent);
            }
        }
    }

    /** A spec with the default {@link Tastes}. */
    public SampleSpec(int users, int items, long interactions, long seed, double unratedShare, int factors) {
        this(users, items, interactions, seed, unratedShare, factors, Tastes.defaults());
    }

    /** A small but realistic default: 2000 users, 800 anime, 120k interactions. */
    public static SampleSpec defaults() {
        return new SampleSpec(2000, 800, 120_000L, 42L, 0.1, 8);
    }

    /** This spec with other tastes. */
    public SampleSpec withTastes(Tastes other) {
        return new SampleSpec(users, items, interactions, seed, unratedShare, factors, other);
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
        if (tastes == null) {
            throw new IllegalArgumentException("tastes must be given");
        }
        tastes.validate();
        return this;
    }
}
