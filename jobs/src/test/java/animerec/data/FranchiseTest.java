package animerec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FranchiseTest {
    @Test
    void sequelsRecapsAndMoviesShareTheSeriesKey() {
        assertEquals("naruto", Franchise.key("Naruto"));
        assertEquals("naruto", Franchise.key("Naruto: Shippuuden"));
        assertEquals("shingeki no kyojin", Franchise.key("Shingeki no Kyojin Season 2"));
        assertEquals("shingeki no kyojin", Franchise.key("Shingeki no Kyojin: Kuinaki Sentaku"));
        assertEquals("gintama", Franchise.key("Gintama'"));
        assertEquals("gintama", Franchise.key("Gintama Movie: Kanketsu-hen - Yorozuya yo Eien Nare"));
        assertEquals("fullmetal alchemist", Franchise.key("Fullmetal Alchemist: Brotherhood"));
        assertEquals("steins gate", Franchise.key("Steins;Gate 0"));
        assertEquals("steins gate", Franchise.key("Steins;Gate Movie: Fuka Ryouiki no Déjà vu"));
    }

    @Test
    void differentSeriesDoNotShareAKey() {
        assertNotEquals(Franchise.key("Kimi no Na wa."), Franchise.key("Kimi no Iru Machi"));
        assertNotEquals(Franchise.key("Death Note"), Franchise.key("Death Parade"));
        assertEquals("", Franchise.key(null));
        assertEquals("86", Franchise.key("86"));
    }

    @Test
    void relatedCatchesSpinOffsWhoseKeyDiffers() {
        assertTrue(Franchise.related("Naruto", "Naruto: Shippuuden"));
        assertTrue(Franchise.related("Naruto", "Boruto: Naruto the Movie"));
        assertTrue(Franchise.related("The Last: Naruto the Movie", "Naruto"));
        assertTrue(Franchise.related("Naruto", "Naruto Shippuuden: Sunny Side Battle"));
        assertTrue(Franchise.related("Naruto", "Naruto x UT"));
        assertFalse(Franchise.related("Naruto", "Wolverine"));
        assertFalse(Franchise.related("Death Note", "Death Parade"));
        assertFalse(Franchise.related("86", "Team 86 Returns"), "keys under 4 characters only match exactly");
        assertFalse(Franchise.related(null, "Naruto"));
    }
}
