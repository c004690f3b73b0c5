package animerec.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RankingCurveTest {

    @Test
    void exactValuesOnShortList() {
        // hits at positions 0 and 2 of three predictions, five relevant items
        RankingCurve c = new RankingCurve(4);
        c.add(Lists.shortList());
        assertArrayEquals(new double[] {1.0, 0.5, 2.0 / 3, 2.0 / 4}, c.precision(), 0.0);
        assertArrayEquals(new double[] {0.2, 0.2, 0.4, 0.4}, c.recall(), 0.0);
        double d1 = 1 / Math.log(2);
        double d3 = 1 / Math.log(4);
        double i2 = 1 / Math.log(3);
        double i4 = 1 / Math.log(5);
        assertArrayEquals(new double[] {1.0, d1 / (d1 + i2), (d1 + d3) / (d1 + i2 + d3),
            (d1 + d3) / (d1 + i2 + d3 + i4)}, c.ndcg(), 1e-15);
    }

    @Test
    void equalsTheOneKClassesBitForBit() {
        Random rnd = new Random(7);
        RankingCurve c = new RankingCurve(30);
        RankingSummary[] byK = new RankingSummary[30];
        for (int k = 1; k <= 30; k++) {
            byK[k - 1] = new RankingSummary(new int[] {k});
        }
        for (int u = 0; u < 200; u++) {
            long[] ranked = new long[rnd.nextInt(40)];
            for (int i = 0; i < ranked.length; i++) {
                ranked[i] = rnd.nextInt(60);
            }
            long[] truth = new long[rnd.nextInt(12)];
            for (int i = 0; i < truth.length; i++) {
                truth[i] = rnd.nextInt(60);
            }
            RankedList list = RankedList.of(ranked, truth);
            c.add(list);
            for (RankingSummary s : byK) {
                s.add(list);
            }
        }
        for (int k = 1; k <= 30; k++) {
            assertEquals(byK[k - 1].mean("precision@" + k), c.precision()[k - 1], 0.0, "precision@" + k);
            assertEquals(byK[k - 1].mean("recall@" + k), c.recall()[k - 1], 0.0, "recall@" + k);
            assertEquals(byK[k - 1].mean("ndcg@" + k), c.ndcg()[k - 1], 0.0, "ndcg@" + k);
        }
    }

    @Test
    void gradedListsUseTheOneKClasses() {
        RankedList g = RankedList.graded(Lists.items(3, 1, 2), Lists.items(1, 2, 3), new double[] {3, 2, 1});
        RankingCurve c = new RankingCurve(3);
        c.add(g);
        for (int k = 1; k <= 3; k++) {
            assertEquals(Ndcg.at(g, k), c.ndcg()[k - 1], 0.0);
        }
    }

    @Test
    void usersWithoutRelevantCountAsZerosAndMergeAdds() {
        RankingCurve a = new RankingCurve(2);
        a.add(Lists.user1());
        RankingCurve b = new RankingCurve(2);
        b.add(Lists.noRelevant());
        b.addUserWithoutRelevant();
        a.merge(b);
        assertEquals(3, a.users());
        // user 1: hit at position 0 only within k=2
        assertArrayEquals(new double[] {1.0 / 3, 0.5 / 3}, a.precision(), 1e-15);
        assertArrayEquals(new double[] {0.2 / 3, 0.2 / 3}, a.recall(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> a.merge(new RankingCurve(3)));
        assertThrows(IllegalArgumentException.class, () -> new RankingCurve(0));
        assertArrayEquals(new double[] {0, 0}, new RankingCurve(2).ndcg(), 0.0);
    }
}
