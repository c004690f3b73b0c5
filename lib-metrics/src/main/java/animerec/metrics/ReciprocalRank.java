package animerec.metrics;

/**
 * Reciprocal rank over the whole (deduplicated) ranking: {@code 1 / p} where p is the 1-based
 * position of the first relevant item, and 0 if no item of the ranking is relevant (in particular
 * when there are no relevant items). The mean over users is the MRR.
 */
public final class ReciprocalRank {

    private ReciprocalRank() {}

    public static double of(RankedList list) {
        for (int i = 0; i < list.size(); i++) {
            if (list.isRelevant(list.item(i))) {
                return 1.0 / (i + 1);
            }
        }
        return 0.0;
    }
}
