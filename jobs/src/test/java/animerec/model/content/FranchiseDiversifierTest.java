package animerec.model.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import animerec.model.content.FranchiseDiversifier.Scored;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FranchiseDiversifierTest {
    // seed franchise "naruto"; candidates by similarity: two Naruto sequels, then Bleach, Bleach movie, One Piece
    private static final List<Scored> CANDIDATES = List.of(new Scored(1, 0.9), new Scored(2, 0.8), new Scored(3, 0.7),
            new Scored(4, 0.6), new Scored(5, 0.5));
    private static final Map<Long, String> NAMES = Map.of(1L, "Naruto: Shippuuden", 2L, "Boruto: Naruto the Movie",
            3L, "Bleach", 4L, "Bleach Movie 1: Memories of Nobody", 5L, "One Piece");

    private static List<Long> items(double d, int k) {
        return FranchiseDiversifier.rerank(CANDIDATES, NAMES, List.of("Naruto"), d, k).stream().map(Scored::item).toList();
    }

    @Test
    void zeroDiversityKeepsTheCandidateOrder() {
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), items(0, 5));
    }

    @Test
    void aboveHalfEveryRepeatComesAfterEveryNewFranchise() {
        // normalised scores 1, .75, .5, .25, 0; at d = .6 a repeat scores at most .4 - .6 < 0, a new one at least 0
        assertEquals(List.of(3L, 5L, 1L, 2L, 4L), items(0.6, 5));
        assertEquals(List.of(3L, 5L), items(0.6, 2));
    }

    @Test
    void smallDiversityOnlyDemotesCloseCalls() {
        // d = .1: value = .9 s - .1 repeat: Naruto 1 .8, Naruto 2 .575, Bleach .45, ...: the gaps outweigh the penalty
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), items(0.1, 5));
        // d = .3: Naruto 1 .7 - .3 = .4 vs Bleach .35: Naruto 1; Naruto 2 .525 - .3 = .225 < Bleach .35
        assertEquals(List.of(1L, 3L, 2L, 5L, 4L), items(0.3, 5));
    }

    @Test
    void diversityOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> items(1.5, 3));
    }
}
