package animerec.cli.options;

import animerec.data.generate.SampleSpec;
import picocli.CommandLine.Option;

/** The built-in sample's size and tastes (a picocli mixin of {@code generate} and {@code demo}). */
public final class SampleOptions {
    private static final SampleSpec D = SampleSpec.defaults();

    @Option(names = "--users", description = "sample users (default: ${DEFAULT-VALUE})")
    int users = D.users();

    @Option(names = "--items", description = "sample items (default: ${DEFAULT-VALUE})")
    int items = D.items();

    @Option(names = "--interactions", description = "target number of sample interactions (default: ${DEFAULT-VALUE})")
    long interactions = D.interactions();

    @Option(names = "--unrated-share", description = "share of watched-unrated interactions (default: ${DEFAULT-VALUE})")
    double unratedShare = D.unratedShare();

    @Option(names = "--genre-affinity", description = "how much a user's favourite genres decide what they watch "
            + "(0 = not at all; default: ${DEFAULT-VALUE})")
    double genreAffinity = D.tastes().genreAffinity();

    @Option(names = "--latent-affinity", description = "how much a user's latent taste decides what they watch "
            + "(0 = not at all; default: ${DEFAULT-VALUE})")
    double latentAffinity = D.tastes().latentAffinity();

    @Option(names = "--popularity-exponent", description = "Zipf exponent of item popularity (default: ${DEFAULT-VALUE})")
    double popularityExponent = D.tastes().popularityExponent();

    /** The spec these options give with {@code seed} (not validated). */
    public SampleSpec spec(long seed) {
        return new SampleSpec(users, items, interactions, seed, unratedShare, D.factors(),
                new SampleSpec.Tastes(genreAffinity, latentAffinity, popularityExponent));
    }
}
