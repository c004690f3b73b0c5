package animerec.model.warp;

import java.io.Serializable;

/**
 * One partition's users and their positives: users sorted by id, user u's positive items (dense item indices,
 * ascending) at {@code items[start[u]..start[u+1])}, and {@code owner[e]} the local user of positive e.
 */
final class UserPartition implements Serializable {
    private static final long serialVersionUID = 1L;
    final int partition;
    final long[] users;
    final int[] start;
    final int[] items;
    final int[] owner;

    UserPartition(int partition, long[] users, int[] start, int[] items, int[] owner) {
        this.partition = partition;
        this.users = users;
        this.start = start;
        this.items = items;
        this.owner = owner;
    }

    boolean isPositive(int user, int item) {
        return java.util.Arrays.binarySearch(items, start[user], start[user + 1], item) >= 0;
    }
}
