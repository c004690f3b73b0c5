package animerec.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Hand-computed blends of two components' lists over items 10, 20, 30. */
class BlenderTest {
    // component 0 lists 10 (score 4), 20 (score 2); component 1 lists 30 (score 9), 10 (score 3)
    private static UserCandidates user(BlendStrategy.Normalisation how) {
        UserCandidates u = UserCandidates.of(1L, new long[] {10, 20, 30, 10}, new int[] {0, 0, 1, 1},
                new int[] {1, 2, 1, 2}, new double[] {4, 2, 9, 3}, 2, 4, how);
        u.activity = 100;
        return u;
    }

    @Test
    void normalisationsAndFloors() {
        UserCandidates minmax = user(BlendStrategy.Normalisation.MINMAX);
        assertArrayEquals(new long[] {10, 20, 30}, minmax.items);
        assertArrayEquals(new int[] {1, 2, 0}, minmax.rank[0]);
        assertArrayEquals(new int[] {2, 0, 1}, minmax.rank[1]);
        assertArrayEquals(new float[] {1f, 0f, 0f}, minmax.norm[0]);
        assertArrayEquals(new float[] {0f, 0f, 1f}, minmax.norm[1]);
        UserCandidates rank = user(BlendStrategy.Normalisation.RANK);
        assertArrayEquals(new float[] {1f, 0.75f, 0f}, rank.norm[0]); // 1 - (r-1)/N, N = 4; unlisted: 0
        UserCandidates z = user(BlendStrategy.Normalisation.ZSCORE);
        // component 0: mean 3, std 1 -> 10: +1, 20: -1, floor (unlisted 30) = -1
        assertArrayEquals(new float[] {1f, -1f, -1f}, z.norm[0]);
    }

    @Test
    void weightedRrfAndBordaScores() {
        boolean[] collab = {true, false};
        double[] w = {2, 1};
        Blender weighted = new Blender(BlendStrategy.WEIGHTED, 4, 60, collab, 5);
        assertArrayEquals(new double[] {2.0, 0.0, 1.0}, weighted.scores(user(BlendStrategy.Normalisation.MINMAX), w), 1e-12);
        Blender rrf = new Blender(BlendStrategy.RRF, 4, 60, collab, 5);
        assertArrayEquals(new double[] {2.0 / 61 + 1.0 / 62, 2.0 / 62, 1.0 / 61},
                rrf.scores(user(BlendStrategy.Normalisation.RANK), w), 1e-12);
        Blender borda = new Blender(BlendStrategy.BORDA, 4, 60, collab, 5);
        assertArrayEquals(new double[] {2.0 * 3 + 2, 2.0 * 2, 3}, borda.scores(user(BlendStrategy.Normalisation.RANK), w), 1e-12);
        assertArrayEquals(new int[] {0, 1, 2}, borda.top(user(BlendStrategy.Normalisation.RANK), w, 3));
        assertArrayEquals(new int[] {0, 2}, weighted.top(user(BlendStrategy.Normalisation.MINMAX), w, 2));
    }

    @Test
    void fewInteractionsShiftWeightTowardsNonCollaborativeComponents() {
        Blender b = new Blender(BlendStrategy.WEIGHTED, 4, 60, new boolean[] {true, false}, 5);
        UserCandidates u = user(BlendStrategy.Normalisation.MINMAX);
        u.activity = 2;
        assertArrayEquals(new double[] {2 * 0.4, 1}, b.weightsFor(u, new double[] {2, 1}), 1e-12);
        u.activity = 0;
        assertArrayEquals(new double[] {0, 1}, b.weightsFor(u, new double[] {2, 1}), 1e-12);
        // with no history only the non-collaborative component counts: 30 first
        assertEquals(2, b.top(u, new double[] {2, 1}, 1)[0]);
    }
}
