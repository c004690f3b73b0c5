package animerec.metrics;

import static animerec.metrics.Lists.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingSummaryTest {

    @Test
    void meansKeysInOrder() {
        RankingSummary summary = new RankingSummary(new int[] {10, 5});
        assertEquals(List.of(
                        "precision@10", "recall@10", "f1@10", "ndcg@10", "map@10", "hit_rate@10",
                        "precision@5", "recall@5", "f1@5", "ndcg@5", "map@5", "hit_rate@5",
                        "mrr"),
                List.copyOf(summary.means().keySet()));
    }

    @Test
    void averagesPerUserValues() {
        RankingSummary summary = new RankingSummary(new int[] {5});
        summary.add(Lists.user1());
        summary.add(Lists.user2());
        assertEquals(2, summary.users());
        // precision@5: user 1 2/5, user 2 2/5
        assertEquals(2.0 / 5.0, summary.mean("precision@5"), 1e-12);
        // recall@5: 2/5 and 2/3
        assertEquals((2.0 / 5.0 + 2.0 / 3.0) / 2, summary.mean("recall@5"), 1e-12);
        // mrr: 1/1 and 1/2
        assertEquals(3.0 / 4.0, summary.mean("mrr"), 1e-12);
        assertEquals(Ndcg.at(Lists.user2(), 5) / 2 + Ndcg.at(Lists.user1(), 5) / 2,
                summary.mean("ndcg@5"), 1e-12);
    }

    @Test
    void mergeOfTwoHalvesEqualsOneSummaryOverAll() {
        int[] ks = {1, 3, 10};
        RankedList[] users = {
            Lists.user1(), Lists.user2(), Lists.shortList(), Lists.emptyRanking(),
            RankedList.graded(items(1, 2, 3), items(1, 3, 4), new double[] {1, 3, 2})
        };
        RankingSummary all = new RankingSummary(ks);
        RankingSummary left = new RankingSummary(ks);
        RankingSummary right = new RankingSummary(ks);
        for (int i = 0; i < users.length; i++) {
            all.add(users[i]);
            (i < 2 ? left : right).add(users[i]);
        }
        all.addUserWithoutRelevant();
        left.addUserWithoutRelevant();

        RankingSummary merged = left.merge(right);

        assertSame(left, merged);
        assertEquals(6, merged.users());
        Map<String, Double> expected = all.means();
        Map<String, Double> actual = merged.means();
        assertEquals(expected.keySet(), actual.keySet());
        for (String key : expected.keySet()) {
            assertEquals(expected.get(key), actual.get(key), 1e-12, key);
        }
        // guard against a summary that ignores its input; AP@10 per user:
        // user 1 28/45, user 2 31/70, short list (1 + 2/3)/5, empty ranking 0,
        // graded list (1 + 2/3)/3, user without relevant items 0
        assertEquals((28.0 / 45.0 + 31.0 / 70.0 + 1.0 / 3.0 + 0 + 5.0 / 9.0 + 0) / 6,
                merged.mean("map@10"), 1e-12);
    }

    @Test
    void userWithoutRelevantCountsAsZerosInTheDenominator() {
        RankingSummary summary = new RankingSummary(new int[] {5});
        summary.add(Lists.user2());
        summary.addUserWithoutRelevant();
        assertEquals(2, summary.users());
        assertEquals((2.0 / 3.0) / 2, summary.mean("recall@5"), 1e-12);
        assertEquals(1.0 / 2, summary.mean("hit_rate@5"), 1e-12);
        assertEquals((1.0 / 2.0) / 2, summary.mean("mrr"), 1e-12);
    }

    @Test
    void addingAListWithoutRelevantItemsIsTheSameAsTheUnionConvention() {
        RankingSummary viaAdd = new RankingSummary(new int[] {3});
        viaAdd.add(Lists.user1());
        viaAdd.add(Lists.noRelevant());
        RankingSummary viaUnion = new RankingSummary(new int[] {3});
        viaUnion.add(Lists.user1());
        viaUnion.addUserWithoutRelevant();
        assertEquals(viaUnion.means(), viaAdd.means());
        assertEquals((2.0 / 3.0) / 2, viaAdd.mean("precision@3"), 1e-12);
    }

    @Test
    void noUsersMeansZero() {
        RankingSummary summary = new RankingSummary(new int[] {5});
        assertEquals(0, summary.users());
        for (double value : summary.means().values()) {
            assertEquals(0.0, value, 0.0);
        }
    }

    @Test
    void rejectsUnknownKeyAndMismatchedMerge() {
        RankingSummary summary = new RankingSummary(new int[] {5, 10});
        assertThrows(IllegalArgumentException.class, () -> summary.mean("ndcg@7"));
        assertThrows(IllegalArgumentException.class,
                () -> summary.merge(new RankingSummary(new int[] {10, 5})));
    }

    @Test
    void rejectsInvalidKs() {
        assertThrows(IllegalArgumentException.class, () -> new RankingSummary(new int[] {}));
        assertThrows(IllegalArgumentException.class, () -> new RankingSummary(new int[] {5, 0}));
        assertThrows(IllegalArgumentException.class, () -> new RankingSummary(new int[] {5, 5}));
    }

    @Test
    void copiesTheKsArray() {
        int[] ks = {5};
        RankingSummary summary = new RankingSummary(ks);
        ks[0] = 7;
        assertEquals(List.of("precision@5"), List.copyOf(summary.means().keySet()).subList(0, 1));
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        RankingSummary summary = new RankingSummary(new int[] {5});
        summary.add(Lists.user2());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(summary);
        }
        RankingSummary copy;
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (RankingSummary) in.readObject();
        }
        assertEquals(1, copy.users());
        assertEquals(2.0 / 3.0, copy.mean("recall@5"), 1e-12);
    }
}
