package animerec.metrics;

/** Hand-built lists shared by the tests (users 1 and 2 are the users of Spark's test suite). */
final class Lists {

    private Lists() {}

    static long[] items(long... items) {
        return items;
    }

    /** Spark suite user 1: relevant {1..5}, hits at 0-based positions 0, 2, 5, 8, 9. */
    static RankedList user1() {
        return RankedList.of(items(1, 6, 2, 7, 8, 3, 9, 10, 4, 5), items(1, 2, 3, 4, 5));
    }

    /** Spark suite user 2: relevant {1, 2, 3}, hits at 0-based positions 1, 4, 6. */
    static RankedList user2() {
        return RankedList.of(items(4, 1, 5, 6, 2, 7, 3, 8, 9, 10), items(1, 2, 3));
    }

    /** Three predictions, two of them hits (positions 0 and 2), five relevant items. */
    static RankedList shortList() {
        return RankedList.of(items(1, 6, 2), items(1, 2, 3, 4, 5));
    }

    static RankedList emptyRanking() {
        return RankedList.of(items(), items(1, 2, 3));
    }

    static RankedList noRelevant() {
        return RankedList.of(items(1, 2, 3), items());
    }
}
