package animerec.model.serving;

import java.util.List;

/** A served hybrid: each listed item says which components listed it, at which rank, and their reasons. */
public interface SourcedServing extends ServingModel {
    /** A component's contribution to one item: its name, its rank for the item (1-based), its normalised score. */
    record Source(String component, int rank, double normalised) {
    }

    /** One blended item with its sources (in component order) and the components' reasons joined by " | " (or null). */
    record Explained(long item, double score, List<Source> sources, String why) {
    }

    /** {@link #recommend} with sources and reasons. */
    List<Explained> recommendExplained(Query query, int k);

    /** The components in order, with the learned weight of each. */
    List<Source> weights();

    /** One line on how the lists are made (the batch {@code recommend --explain} header). */
    String header();
}
