package animerec.serve;

import animerec.model.serving.Scored;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One training table in memory: each user's items (ascending, distinct) and the set of items seen in training (the
 * batch harness's candidates: a served list, like {@code animerec recommend}'s, holds only those).
 */
public final class Histories {
    private final Map<Long, long[]> byUser;
    private final long[] items; // ascending

    public Histories(Map<Long, long[]> byUser, long[] items) {
        this.byUser = Map.copyOf(byUser);
        this.items = items.clone();
        Arrays.sort(this.items);
    }

    /** The user's training items, or null for a user the table does not have. */
    public long[] of(long user) {
        long[] h = byUser.get(user);
        return h == null ? null : h.clone();
    }

    public boolean hasUser(long user) {
        return byUser.containsKey(user);
    }

    public boolean hasItem(long item) {
        return Arrays.binarySearch(items, item) >= 0;
    }

    public int users() {
        return byUser.size();
    }

    /**
     * The evaluation harness's candidate rule on a model's longer list (its top 2k): the first {@code k} of its
     * items seen in this training table, in the list's order ({@code ModelEvaluation.candidateTopK} in the batch).
     */
    public List<Scored> firstCandidates(List<Scored> longer, int k) {
        List<Scored> kept = new ArrayList<>(k);
        for (Scored s : longer) {
            if (kept.size() < k && hasItem(s.item())) {
                kept.add(s);
            }
        }
        return kept;
    }

    /** Every user id, ascending. */
    public long[] userIds() {
        return byUser.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** Some user ids (ascending), for examples on the page and for tests. */
    public long[] someUsers(int n) {
        return byUser.keySet().stream().mapToLong(Long::longValue).sorted().limit(n).toArray();
    }

    /** The first {@code n} training items (ascending). */
    public long[] someItems(int n) {
        return Arrays.copyOf(items, Math.min(n, items.length));
    }
}
