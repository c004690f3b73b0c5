package animerec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
}
