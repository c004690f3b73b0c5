package animerec.model;

/**
 * What a family is, declared by the family itself (never by a list of names elsewhere).
 *
 * @param collaborative it learns from other users' interactions (a hybrid scales its weight down for users with
 *                      little history; content and popularity models stay at full weight)
 * @param needsItems    it fits on the items table (content models); a hybrid leaves it out without one
 * @param composite     it fits other families (the hybrids), so it cannot itself be a hybrid's component
 */
public record FamilyTraits(boolean collaborative, boolean needsItems, boolean composite) {
    /** Learns from interactions: svd, knn, als, ease, warp, ... */
    public static final FamilyTraits COLLABORATIVE = new FamilyTraits(true, false, false);
    /** The same list shape for everyone from counts (popularity). */
    public static final FamilyTraits NON_PERSONALISED = new FamilyTraits(false, false, false);
    /** Item metadata only (genre, tfidf, embedding). */
    public static final FamilyTraits CONTENT = new FamilyTraits(false, true, false);
    /** Blends or ranks the lists of other families. */
    public static final FamilyTraits COMPOSITE = new FamilyTraits(true, false, true);
}
