package animerec.hybrid;

/**
 * How component lists are combined into one score per (user, item). Every strategy takes one weight per
 * component; a component that did not list the item contributes its floor (0 for every strategy except
 * z-score normalisation, whose floor is the lowest z-score on that component's list for the user).
 */
public enum BlendStrategy {
    /** Σ w_c · normalised score_c. */
    WEIGHTED,
    /** Reciprocal-rank fusion: Σ w_c / (k + rank_c). */
    RRF,
    /** Borda count: Σ w_c · (N − rank_c), N the candidate list length. */
    BORDA;

    /** Per-user score normalisation for {@link #WEIGHTED}. */
    public enum Normalisation {
        /** (s − min) / (max − min) over the component's list for the user (1 when all are equal). */
        MINMAX,
        /** (s − mean) / std over the component's list for the user (0 when std = 0). */
        ZSCORE,
        /** 1 − (rank − 1) / N. */
        RANK
    }
}
