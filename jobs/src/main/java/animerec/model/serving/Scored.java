package animerec.model.serving;

/** One listed item and its score (a list's rank is its position, 1-based). */
public record Scored(long item, double score) {
}
