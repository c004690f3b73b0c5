package animerec.model.serving;

import java.util.Arrays;

/**
 * Who a served list is for: a user id the model was trained on, with that user's training history, or nobody
 * ({@code user} null) with the items they like as the history (cold start). {@code history} is ascending and
 * distinct; no list ever holds one of its items.
 */
public record Query(Long user, long[] history) {
    public Query {
        history = history.clone();
        for (int i = 1; i < history.length; i++) {
            if (history[i] <= history[i - 1]) {
                throw new IllegalArgumentException("history must be ascending and distinct: " + Arrays.toString(history));
            }
        }
    }

    /** A query for the liked items of a user the model does not know (any order, repeats dropped). */
    public static Query liked(long[] items) {
        return new Query(null, Arrays.stream(items).sorted().distinct().toArray());
    }

    public boolean anonymous() {
        return user == null;
    }

    public boolean has(long item) {
        return Arrays.binarySearch(history, item) >= 0;
    }

    @Override
    public long[] history() {
        return history.clone();
    }

    /** The history without a copy, for read-only loops. */
    long[] items() {
        return history;
    }

    public int size() {
        return history.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Query q && java.util.Objects.equals(user, q.user) && Arrays.equals(history, q.history);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hashCode(user) + Arrays.hashCode(history);
    }

    @Override
    public String toString() {
        return "Query[user=" + user + ", history=" + history.length + " items]";
    }
}
