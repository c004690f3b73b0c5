package animerec.model.content;

import animerec.model.Param;
import animerec.util.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The three item representations content models are built on, with the parameters each one takes. */
public enum ContentKind {
    /** Multi-hot genre vectors. */
    GENRE("genre", "cosine between the user's rating-weighted genre profile and each item's genres"),
    /** TF-IDF over genre tokens, title and synopsis words. */
    TFIDF("tfidf", "cosine between the user's rating-weighted TF-IDF profile (genres, title, synopsis) and each item"),
    /** Mean Word2Vec vector of the item's words, or embeddings supplied by the user. */
    EMBEDDING("embedding", "cosine between the user's rating-weighted embedding profile (Word2Vec or given) and each item");

    public static final Param<String> CENTERING = Param.choiceParam("centering",
            "profile weights: user_mean = rating minus the user's mean rating (all weights 1 when they are all 0), "
                    + "none = the rating itself (1 for unrated)", "user_mean", List.of("user_mean", "none"));
    public static final Param<Boolean> USE_GENRES = Param.boolParam("use_genres", "include genre tokens in the text", true);
    public static final Param<Boolean> USE_NAME = Param.boolParam("use_name", "include the title's words in the text", true);
    public static final Param<Boolean> USE_SYNOPSIS = Param.boolParam("use_synopsis", "include the synopsis's words", true);
    public static final Param<Boolean> USE_TYPE = Param.boolParam("use_type",
            "include the item's type (type_tv, type_movie, ...) and episode-count bucket (episodes_1, episodes_2_6, "
                    + "episodes_7_13, episodes_14_26, episodes_27_52, episodes_53_up) as tokens, where the items table has them", true);
    public static final Param<Integer> MIN_TOKEN_LENGTH = Param.intParam("min_token_length",
            "shortest word kept by the tokenizer", 2, 1, 100);
    public static final Param<Integer> VOCAB_SIZE = Param.intParam("vocab_size",
            "largest TF-IDF vocabulary (most frequent terms by document frequency)", 20_000, 1, 10_000_000);
    public static final Param<Integer> MIN_DF = Param.intParam("min_df",
            "a term must occur in at least this many items", 2, 1, Integer.MAX_VALUE);
    public static final Param<Integer> VECTOR_SIZE = Param.intParam("vector_size", "Word2Vec dimension", 64, 1, 4096);
    public static final Param<Integer> MIN_COUNT = Param.intParam("min_count",
            "Word2Vec: a word must occur this many times", 2, 1, Integer.MAX_VALUE);
    public static final Param<Integer> MAX_ITER = Param.intParam("max_iter", "Word2Vec iterations", 5, 1, 1000);
    public static final Param<Integer> WINDOW = Param.intParam("window", "Word2Vec context window", 5, 1, 100);
    public static final Param<String> EMBEDDINGS_PATH = Param.stringParam("embeddings_path",
            "Parquet or CSV of anime_id, vector to use instead of Word2Vec (empty: train Word2Vec)", "");

    private final String label;
    private final String description;

    ContentKind(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** The parameters that shape this kind's item vectors (what `features` and the recommender share). */
    public List<Param<?>> featureParams() {
        return switch (this) {
            case GENRE -> List.of();
            case TFIDF -> List.of(USE_GENRES, USE_NAME, USE_SYNOPSIS, USE_TYPE, MIN_TOKEN_LENGTH, VOCAB_SIZE, MIN_DF);
            case EMBEDDING -> List.of(USE_GENRES, USE_NAME, USE_SYNOPSIS, USE_TYPE, MIN_TOKEN_LENGTH, VECTOR_SIZE, MIN_COUNT,
                    MAX_ITER, WINDOW, EMBEDDINGS_PATH);
        };
    }

    /** Feature parameters plus the profile's. */
    public List<Param<?>> recommenderParams() {
        List<Param<?>> all = new ArrayList<>(featureParams());
        all.add(CENTERING);
        return all;
    }

    public static ContentKind parse(String s) {
        for (ContentKind k : values()) {
            if (k.label.equals(s.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new UserError("unknown content model '" + s + "' (expected genre, tfidf or embedding)");
    }
}
