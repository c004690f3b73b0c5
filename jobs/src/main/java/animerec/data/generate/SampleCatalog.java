package animerec.data.generate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A synthetic, anime-like catalog plus a per-user interaction generator.
 *
 * <p>The model: items have Zipf-like popularity (exponent 1.1, assigned over a random permutation of
 * ids), 1-4 genres drawn with realistic frequencies, a quality bias and latent factors made of a
 * genre component plus noise. Each user has a sparse taste over 1-3 genres, a latent factor
 * derived from that taste plus noise, and a bias. A user's items are drawn without replacement
 * with weight {@code popularity * exp(affinity * genreMatch)}; each rating is
 * {@code clamp(round(6.5 + userBias + itemBias + dot(user, item) + noise), 1, 10)}.
 *
 * <p>Determinism: the catalog depends only on the spec, and {@link #interactionsForUser(long)}
 * only on (spec, userId), so users can be generated in any order on any machine. All floating
 * point goes through {@link StrictMath} so results are bit for bit identical across JVMs.
 */
public final class SampleCatalog implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A genre, its relative frequency in the catalog and words typical of its stories. */
    private record Genre(String name, double frequency, List<String> words) { }

    /** Frequencies follow the genre counts of the Kaggle anime.csv (Isekai added). */
    private static final List<Genre> GENRES = List.of(
            genre("Comedy", 4645, "prank, mishap, misunderstanding, gag, slapstick, scheme"),
            genre("Action", 2845, "battle, explosion, showdown, mercenary, ambush, blade"),
            genre("Adventure", 2348, "journey, treasure, map, expedition, ruins, voyage"),
            genre("Fantasy", 2309, "dragon, kingdom, elf, sword, prophecy, castle"),
            genre("Sci-Fi", 2070, "android, laboratory, time machine, cyborg, experiment, clone"),
            genre("Drama", 2016, "family, grief, sacrifice, regret, promise, farewell"),
            genre("Shounen", 1712, "training, friendship, determination, hidden potential, strongest, rivalry"),
            genre("Kids", 1609, "talking animal, playground, toy, birthday, candy, lesson"),
            genre("Romance", 1464, "confession, festival, heart, first love, date, love letter"),
            genre("School", 1220, "classroom, student council, club, exam, teacher, rooftop"),
            genre("Slice of Life", 1220, "cafe, neighborhood, routine, apartment, part-time job, small town"),
            genre("Supernatural", 1037, "spirit, curse, shrine, yokai, exorcist, omen"),
            genre("Mecha", 944, "pilot, giant robot, colony, armor, cockpit, reactor"),
            genre("Music", 860, "band, concert, guitar, idol, stage, melody"),
            genre("Historical", 806, "shogun, feudal lord, dynasty, chronicle, edo period, village"),
            genre("Magic", 778, "spell, wand, witch, grimoire, familiar, enchantment"),
            genre("Shoujo", 603, "prince, transfer student, diary, ribbon, bouquet, charm"),
            genre("Seinen", 547, "salaryman, corruption, debt, underworld, burnout, cigarette"),
            genre("Sports", 543, "tournament, team, captain, coach, championship, practice match"),
            genre("Mystery", 495, "detective, clue, locked room, alibi, disappearance, culprit"),
            genre("Super Power", 465, "esper, telekinesis, superhuman, awakening, ability, psychic"),
            genre("Military", 426, "soldier, war, squad, general, frontline, empire"),
            genre("Parody", 408, "spoof, fourth wall, cliché, running joke, homage, meta joke"),
            genre("Space", 381, "starship, galaxy, asteroid, orbit, astronaut, nebula"),
            genre("Horror", 369, "haunted house, nightmare, scream, corpse, abandoned hospital, blood"),
            genre("Demons", 294, "demon lord, contract, hellfire, fallen angel, seal, pact"),
            genre("Martial Arts", 265, "dojo, kung fu, fist, discipline, sensei, sparring"),
            genre("Psychological", 229, "mind, trauma, identity, manipulation, paranoia, sanity"),
            genre("Police", 197, "officer, precinct, patrol, case file, arrest, interrogation"),
            genre("Game", 181, "virtual reality, gamer, raid, login, boss fight, avatar"),
            genre("Isekai", 150, "reincarnation, another world, summoning, status screen, level up, hero party"),
            genre("Samurai", 148, "katana, ronin, duel, bushido, clan, retainer"),
            genre("Vampire", 102, "vampire, fangs, nightfall, immortal, coffin, crimson moon"),
            genre("Thriller", 87, "conspiracy, hostage, countdown, chase, assassin, cover-up"),
            genre("Josei", 54, "office, career, marriage, adulthood, colleague, hometown"));
    private static final List<String> VOCABULARY = GENRES.stream().map(Genre::name).toList();
    private static final double[] GENRE_FREQUENCY =
            GENRES.stream().mapToDouble(Genre::frequency).toArray();

    private static final double[] GENRE_COUNT_SHARES = {0.25, 0.40, 0.25, 0.10}; // 1..4 genres
    /** Type shares of the Kaggle anime.csv. */
    private static final String[] TYPES = {"TV", "OVA", "Movie", "Special", "ONA", "Music"};
    private static final double[] TYPE_SHARES = {0.31, 0.27, 0.19, 0.14, 0.05, 0.04};
    private static final int[] TV_EPISODES = {12, 13, 24, 25, 26, 10, 11, 39, 50, 51, 52, 64, 100, 148, 220};
    private static final double[] TV_EPISODE_WEIGHTS = {30, 15, 15, 6, 12, 3, 2, 3, 3, 2, 3, 2, 1, 1, 1};

    private static final String[] ADJECTIVES = {"Crimson", "Eternal", "Silent", "Blue", "Lost", "Infinite",
        "Broken", "Shining", "Last", "Hidden", "Golden", "Midnight", "Fallen", "Distant", "Wandering", "Iron"};
    private static final String[] NOUNS = {"Chronicles", "Saga", "Days", "Story", "Record", "Requiem",
        "Diaries", "Legend", "Rhapsody", "Memories", "Horizon", "Symphony"};
    private static final String[] PLACES = {"Tokyo", "Akihabara", "Neo Kyoto", "the Stars", "Eden", "Avalon",
        "the Northern Sea", "Kamakura", "Babylon", "the Last City"};
    /** Synopsis sentences: {@code %w} is a genre word, {@code %p} a place. Each has at least one %w. */
    private static final String[] SENTENCES = {
        "In %p, a young hero stumbles upon a %w that changes everything.",
        "When a %w shatters their quiet life, they are drawn into a world of %w.",
        "Haunted by a %w, they set out to uncover the truth behind the %w.",
        "Friends and rivals gather around the %w, but nothing prepares them for the %w.",
        "Everything changes on the day of the %w.",
        "What begins as a simple %w soon becomes a story about %w and %w.",
        "Between the %w and the %w, one choice will decide their future.",
        "Far from %p, an unlikely group learns what the %w truly means."};

    private static final long T_START = 1_262_304_000L; // 2010-01-01T00:00:00Z
    private static final long T_END = 1_735_689_599L;   // 2024-12-31T23:59:59Z
    private static final long CATALOG_SALT = 0x5DEECE66DL;
    private static final long USER_SALT = 0x9E3779B97F4A7C15L;

    // Model scales, tuned so ratings have mean ~7.2 and std ~1.7 on the default spec.
    private static final double BASE_RATING = 6.5;
    private static final double COUNT_SIGMA = 0.9;
    private static final int MIN_COUNT = 3;
    private static final double TASTE_STRENGTH = 2.5;
    private static final double FACTOR_NOISE = 0.5;
    private static final double USER_BIAS_MEAN = 0.2;
    private static final double USER_BIAS_SD = 0.8;
    private static final double ITEM_BIAS_SD = 0.6;
    private static final double ITEM_POPULARITY_BIAS = 0.25;
    private static final double RATING_NOISE_SD = 1.0;
    /** Share of "strong reactions" whose noise is {@link #STRONG_NOISE_SD}: a heavier rating tail. */
    private static final double STRONG_SHARE = 0.1;
    private static final double STRONG_NOISE_SD = 2.5;

    private final SampleSpec spec;
    private final List<SampleItem> items;
    // Per-item model state, indexed by animeId - 1.
    private final int[][] itemGenres;
    private final double[] popularity;
    private final double[] itemBias;
    private final double[][] itemFactors;
    private final double[][] genreFactors;
    /** Lognormal location such that the clamped per-user count has mean interactions/users. */
    private final double countMu;

    private SampleCatalog(SampleSpec spec) {
        this.spec = spec;
        int n = spec.items();
        int k = spec.factors();
        SplittableRandom rng = new SplittableRandom(mix64(spec.seed() ^ CATALOG_SALT));
        genreFactors = new double[GENRES.size()][k];
        for (double[] g : genreFactors) {
            for (int f = 0; f < k; f++) {
                g[f] = gaussian(rng) / StrictMath.sqrt(k);
            }
        }
        int[] rank = permutation(n, rng);
        popularity = new double[n];
        double logMean = 0;
        double logSq = 0;
        for (int i = 0; i < n; i++) {
            popularity[i] = StrictMath.pow(rank[i] + 1.0, -spec.tastes().popularityExponent());
            double lp = StrictMath.log(popularity[i]);
            logMean += lp / n;
            logSq += lp * lp / n;
        }
        double logSd = StrictMath.sqrt(Math.max(logSq - logMean * logMean, 1e-12));

        itemGenres = new int[n][];
        itemBias = new double[n];
        itemFactors = new double[n][k];
        List<SampleItem> built = new ArrayList<>(n);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < n; i++) {
            int[] genres = weightedSample(GENRE_FREQUENCY, 1 + pick(GENRE_COUNT_SHARES, rng), rng);
            itemGenres[i] = genres;
            for (int f = 0; f < k; f++) {
                double genrePart = 0;
                for (int g : genres) {
                    genrePart += genreFactors[g][f] / genres.length;
                }
                itemFactors[i][f] = genrePart + FACTOR_NOISE * gaussian(rng) / StrictMath.sqrt(k);
            }
            double popZ = (StrictMath.log(popularity[i]) - logMean) / logSd;
            itemBias[i] = ITEM_BIAS_SD * gaussian(rng) + ITEM_POPULARITY_BIAS * popZ;
            String type = TYPES[pick(TYPE_SHARES, rng)];
            int episodes = episodes(type, rng);
            long members = Math.max(20L, Math.round(1_000_000 * popularity[i] * StrictMath.exp(0.3 * gaussian(rng))));
            String base = title(genres, rng);
            String name = base;
            for (int season = 2; !names.add(name); season++) {
                name = base + " Season " + season; // sequel naming on collision
            }
            List<String> genreNames = Arrays.stream(genres).mapToObj(VOCABULARY::get).toList();
            built.add(new SampleItem(i + 1, name, genreNames, synopsis(genres, rng), type, episodes, members));
        }
        items = List.copyOf(built);
        countMu = calibrateCountMu((double) spec.interactions() / spec.users(), spec.items() / 2);
    }

    /** Builds the catalog for a spec (validating it); deterministic in {@code spec}. */
    public static SampleCatalog build(SampleSpec spec) {
        return new SampleCatalog(spec.validate());
    }

    /** The genre names, most frequent first. */
    public static List<String> genreVocabulary() {
        return VOCABULARY;
    }

    /** Words used in titles and synopses of items of {@code genre}. */
    public static List<String> genreWords(String genre) {
        int g = VOCABULARY.indexOf(genre);
        if (g < 0) {
            throw new IllegalArgumentException("unknown genre: " + genre);
        }
        return GENRES.get(g).words();
    }

    public SampleSpec spec() {
        return spec;
    }

    /** All items, ordered by animeId ({@code 1..items}). */
    public List<SampleItem> items() {
        return items;
    }

    /**
     * The interactions of one user, sorted by animeId. Depends only on the spec and
     * {@code userId}; timestamps increase along a random watch order, not along animeId.
     */
    public List<SampleInteraction> interactionsForUser(long userId) {
        SplittableRandom rng = userRandom(userId);
        UserProfile user = profile(rng);
        double x = StrictMath.exp(countMu + COUNT_SIGMA * gaussian(rng));
        int count = clampCount(x, spec.items() / 2);
        double[] weights = new double[spec.items()];
        SampleSpec.Tastes tastes = spec.tastes();
        for (int i = 0; i < weights.length; i++) {
            double match = 0;
            for (int g : itemGenres[i]) {
                match += user.taste()[g];
            }
            double logOdds = tastes.genreAffinity() * match
                    + (tastes.latentAffinity() == 0 ? 0 : tastes.latentAffinity() * dot(user.factor(), itemFactors[i]));
            weights[i] = logOdds == 0 ? popularity[i] : popularity[i] * StrictMath.exp(logOdds);
        }
        int[] chosen = weightedSample(weights, count, rng);
        long[] times = watchTimes(count, rng);
        int[] watchOrder = permutation(count, rng);
        List<SampleInteraction> out = new ArrayList<>(count);
        for (int j = 0; j < count; j++) {
            int i = chosen[j];
            double raw = BASE_RATING + user.bias() + itemBias[i] + dot(user.factor(), itemFactors[i])
                    + (rng.nextDouble() < STRONG_SHARE ? STRONG_NOISE_SD : RATING_NOISE_SD) * gaussian(rng);
            double rating = Math.min(10, Math.max(1, Math.round(raw)));
            boolean unrated = rng.nextDouble() < spec.unratedShare();
            out.add(new SampleInteraction(userId, i + 1, unrated ? null : Double.valueOf(rating), times[watchOrder[j]]));
        }
        return List.copyOf(out);
    }

    /** The 1-3 genres the user prefers (package-private, for tests). */
    List<String> preferredGenres(long userId) {
        return Arrays.stream(profile(userRandom(userId)).favorites()).mapToObj(VOCABULARY::get).toList();
    }

    /** The Zipf popularity weight of an item, 1 for the most popular (package-private, for tests). */
    double popularityWeight(long animeId) {
        return popularity[(int) (animeId - 1)];
    }

    // ---- per-user model ----

    private record UserProfile(int[] favorites, double[] taste, double bias, double[] factor) { }

    private SplittableRandom userRandom(long userId) {
        if (userId < 1 || userId > spec.users()) {
            throw new IllegalArgumentException("userId must be in 1.." + spec.users() + ", got " + userId);
        }
        return new SplittableRandom(mix64(mix64(spec.seed() ^ USER_SALT) + userId * USER_SALT));
    }

    /** Sparse Dirichlet(1)-like taste over 1-3 genres, a bias and a taste-driven latent factor. */
    private UserProfile profile(SplittableRandom rng) {
        int[] favorites = weightedSample(GENRE_FREQUENCY, 1 + rng.nextInt(3), rng);
        double[] taste = new double[GENRES.size()];
        double sum = 0;
        for (int g : favorites) {
            taste[g] = -StrictMath.log(1.0 - rng.nextDouble()); // Gamma(1) draw
            sum += taste[g];
        }
        for (int g : favorites) {
            taste[g] /= sum;
        }
        double bias = USER_BIAS_MEAN + USER_BIAS_SD * gaussian(rng);
        int k = spec.factors();
        double[] factor = new double[k];
        for (int f = 0; f < k; f++) {
            factor[f] = FACTOR_NOISE * gaussian(rng) / StrictMath.sqrt(k);
            for (int g : favorites) {
                factor[f] += TASTE_STRENGTH * taste[g] * genreFactors[g][f];
            }
        }
        return new UserProfile(favorites, taste, bias, factor);
    }

    /** {@code n} strictly increasing epoch seconds inside a random active period in 2010-2024. */
    private static long[] watchTimes(int n, SplittableRandom rng) {
        long a = T_START + (long) (rng.nextDouble() * (T_END - T_START));
        long b = T_START + (long) (rng.nextDouble() * (T_END - T_START));
        long end = Math.min(Math.max(a, b), T_END - n);
        long start = Math.min(Math.min(a, b), end);
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = start + (long) (rng.nextDouble() * (end - start + 1));
        }
        Arrays.sort(t);
        for (int i = 1; i < n; i++) {
            t[i] = Math.max(t[i], t[i - 1] + 1);
        }
        return t;
    }

    private static int clampCount(double x, int max) {
        return (int) Math.max(MIN_COUNT, Math.min(max, Math.round(x)));
    }

    /** Bisection on mu so that E[clamp(round(exp(mu + sigma Z)))] equals the target mean. */
    private static double calibrateCountMu(double target, int max) {
        double lo = -10;
        double hi = StrictMath.log(max) + 10;
        for (int iter = 0; iter < 60; iter++) {
            double mid = 0.5 * (lo + hi);
            double sum = 0;
            double norm = 0;
            for (int s = -1600; s <= 1600; s++) {
                double z = s / 200.0;
                double w = StrictMath.exp(-0.5 * z * z);
                sum += w * clampCount(StrictMath.exp(mid + COUNT_SIGMA * z), max);
                norm += w;
            }
            if (sum / norm < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    // ---- text generation ----

    private static String title(int[] genres, SplittableRandom rng) {
        String w = titleCase(genreWord(genres[rng.nextInt(genres.length)], rng));
        String adj = ADJECTIVES[rng.nextInt(ADJECTIVES.length)];
        String place = PLACES[rng.nextInt(PLACES.length)];
        return switch (rng.nextInt(6)) {
            case 0 -> adj + " " + w;
            case 1 -> w + " " + NOUNS[rng.nextInt(NOUNS.length)];
            case 2 -> "The " + w + " of " + place;
            case 3 -> "My " + w + " Can't Be This " + adj;
            case 4 -> titleCase(place) + ": " + adj + " " + w;
            default -> w + "!!";
        };
    }

    /** 2-4 sentences; every genre of the item contributes at least one word. */
    private static String synopsis(int[] genres, SplittableRandom rng) {
        int target = 2 + rng.nextInt(3);
        int[] sentenceOrder = permutation(SENTENCES.length, rng);
        List<String> sentences = new ArrayList<>();
        int slots = 0;
        while (sentences.size() < target || slots < genres.length) {
            String s = SENTENCES[sentenceOrder[sentences.size()]];
            sentences.add(s);
            slots += s.split("%w", -1).length - 1;
        }
        int[] genreOrder = permutation(genres.length, rng);
        StringBuilder text = new StringBuilder();
        int slot = 0;
        for (String s : sentences) {
            StringBuilder filled = new StringBuilder();
            for (int c = 0; c < s.length(); c++) {
                if (s.charAt(c) == '%' && s.charAt(c + 1) == 'w') {
                    int g = slot < genres.length ? genres[genreOrder[slot]] : genres[rng.nextInt(genres.length)];
                    filled.append(genreWord(g, rng));
                    slot++;
                    c++;
                } else if (s.charAt(c) == '%' && s.charAt(c + 1) == 'p') {
                    filled.append(PLACES[rng.nextInt(PLACES.length)]);
                    c++;
                } else {
                    filled.append(s.charAt(c));
                }
            }
            text.append(text.length() == 0 ? "" : " ").append(filled);
        }
        return text.toString().replaceAll("\\b([Aa]) ([aeiou])", "$1n $2");
    }

    private static String genreWord(int genre, SplittableRandom rng) {
        List<String> words = GENRES.get(genre).words();
        return words.get(rng.nextInt(words.size()));
    }

    private static String titleCase(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            boolean wordStart = i == 0 || s.charAt(i - 1) == ' ' || s.charAt(i - 1) == '-';
            b.append(wordStart ? Character.toUpperCase(s.charAt(i)) : s.charAt(i));
        }
        return b.toString();
    }

    private static int episodes(String type, SplittableRandom rng) {
        return switch (type) {
            case "TV" -> TV_EPISODES[pick(TV_EPISODE_WEIGHTS, rng)];
            case "OVA" -> rng.nextDouble() < 0.5 ? 1 : 2 + rng.nextInt(5);
            case "ONA" -> rng.nextDouble() < 0.3 ? 12 : 1 + rng.nextInt(15);
            case "Special" -> rng.nextDouble() < 0.6 ? 1 : 2 + rng.nextInt(5);
            default -> 1; // Movie, Music
        };
    }

    // ---- randomness helpers ----

    /** SplitMix64 finalizer: a strong 64-bit mixer for deriving independent seeds. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Standard normal via Box-Muller (own implementation, so it is stable across JDKs). */
    private static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble(); // in (0, 1]
        double u2 = rng.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** Index drawn with probability proportional to {@code weights}. */
    private static int pick(double[] weights, SplittableRandom rng) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = rng.nextDouble() * total;
        for (int i = 0; i < weights.length - 1; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates). */
    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * Efraimidis-Spirakis weighted sampling without replacement: each index gets the key
     * {@code log(u) / weight} and the {@code count} largest keys win. Returns indices ascending.
     */
    private static int[] weightedSample(double[] weights, int count, SplittableRandom rng) {
        int n = weights.length;
        double[] keys = new double[n];
        for (int i = 0; i < n; i++) {
            keys[i] = StrictMath.log(1.0 - rng.nextDouble()) / weights[i];
        }
        double[] sorted = keys.clone();
        Arrays.sort(sorted);
        double threshold = sorted[n - count];
        int[] out = new int[count];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (keys[i] > threshold) {
                out[m++] = i;
            }
        }
        for (int i = 0; i < n && m < count; i++) {
            if (keys[i] == threshold) {
                out[m++] = i;
            }
        }
        Arrays.sort(out);
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static Genre genre(String name, double frequency, String words) {
        return new Genre(name, frequency, List.of(words.split(",\\s*")));
    }
}
