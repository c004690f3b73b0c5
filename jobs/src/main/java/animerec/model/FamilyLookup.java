package animerec.model;

/**
 * Finds a model family by its registered name; families that fit other families (the hybrids) receive one instead
 * of knowing the catalog. Throws {@link animerec.util.UserError} for an unknown name.
 */
@FunctionalInterface
public interface FamilyLookup {
    Recommender family(String name);
}
