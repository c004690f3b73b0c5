package animerec.model.svd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** How DsgdTrainer lays out one partition's ratings: item tiles, then users, every rating once, any arrival order. */
class DsgdLayoutTest {
    @Test
    void tilesKeepAboutTileBytesOfItemRows() {
        assertEquals(1, DsgdTrainer.tiles(100, 24));
        assertEquals(1, DsgdTrainer.tiles(10_000, 24)); // 960,000 bytes of rows, under 1 MiB
        assertEquals(4, DsgdTrainer.tiles(10_000, 104)); // 4,160,000 bytes
        assertEquals(5, DsgdTrainer.tiles(20_000, 64));  // 5,120,000 bytes
        assertEquals(3, DsgdTrainer.tiles(3, 1_000_000)); // never more tiles than items
        assertEquals(1, DsgdTrainer.tiles(0, 24));
    }

    @Test
    void everyRatingOnceGroupedByTileThenUserInAnyArrivalOrder() {
        int d = 2;
        SplittableRandom rnd = new SplittableRandom(9);
        List<Long> itemList = new ArrayList<>();
        for (long i = 1; i <= 3000; i++) {
            itemList.add(i);
        }
        long[][] itemIds = DsgdTrainer.blockIds(itemList, d);
        List<Tuple2<Integer, DsgdTrainer.Rating>> ratings = new ArrayList<>();
        Set<String> pairs = new HashSet<>();
        while (ratings.size() < 20_000) {
            long u = 1 + rnd.nextInt(400);
            long i = 1 + rnd.nextInt(3000);
            if (pairs.add(u + ":" + i)) {
                ratings.add(new Tuple2<>(0, new DsgdTrainer.Rating(u, i, 1 + (u * 7 + i) % 5)));
            }
        }
        int stride = 696; // about 1500 items x 2784 bytes: 4 tiles per item block
        DsgdTrainer.RatingPartition a = DsgdTrainer.buildPartition(0, ratings.iterator(), itemIds, stride, 42);
        Collections.shuffle(ratings, new java.util.Random(1));
        DsgdTrainer.RatingPartition b = DsgdTrainer.buildPartition(0, ratings.iterator(), itemIds, stride, 42);
        assertArrayEquals(a.userIds, b.userIds);
        int seen = 0;
        for (int ib = 0; ib < d; ib++) {
            assertArrayEquals(a.users[ib], b.users[ib]);
            assertArrayEquals(a.items[ib], b.items[ib]);
            assertArrayEquals(a.values[ib], b.values[ib]);
            int nItems = itemIds[ib].length;
            int tiles = DsgdTrainer.tiles(nItems, stride);
            assertTrue(tiles >= 3 && tiles <= 5, "several tiles: " + tiles);
            int[] starts = a.starts[ib];
            int[] tileSegments = a.tileSegments[ib];
            assertEquals(tiles + 1, tileSegments.length);
            assertEquals(starts.length - 1, tileSegments[tiles]);
            for (int x = 0; x < tiles; x++) {
                int lastUser = -1;
                for (int g = tileSegments[x]; g < tileSegments[x + 1]; g++) {
                    int user = a.users[ib][starts[g]];
                    assertTrue(user > lastUser, "users in index order within a tile, one segment each");
                    lastUser = user;
                    assertTrue(starts[g + 1] > starts[g], "no empty segment");
                    for (int t = starts[g]; t < starts[g + 1]; t++) {
                        assertEquals(user, a.users[ib][t]);
                        int item = a.items[ib][t];
                        assertEquals(x, (int) ((long) item * tiles / nItems), "rating in its item's tile");
                        long uid = a.userIds[user];
                        long iid = itemIds[ib][item];
                        assertTrue(pairs.contains(uid + ":" + iid));
                        assertEquals(1 + (uid * 7 + iid) % 5, a.values[ib][t]);
                        seen++;
                    }
                }
            }
            int[] order = DsgdTrainer.segmentOrder(tileSegments, new SplittableRandom(3));
            int[] sorted = order.clone();
            java.util.Arrays.sort(sorted);
            for (int g = 0; g < sorted.length; g++) {
                assertEquals(g, sorted[g], "every segment visited once");
            }
        }
        assertEquals(ratings.size(), seen);
    }
}
