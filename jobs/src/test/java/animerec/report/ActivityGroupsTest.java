package animerec.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import animerec.util.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityGroupsTest {
    private static JsonNode bins(long[][] rows) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (long[] r : rows) {
            a.addObject().put("min_interactions", r[0]).put("max_interactions", r[1]).put("users", r[2])
                    .put("ndcg@10", r[3] / 100.0);
        }
        return a;
    }

    @Test
    void threeGroupsOfAboutAThirdCutAtBinEdges() {
        // 10 users in 1, 20 in 2-3, 30 in 4-7, 10 in 8-15, 20 in 16-31, 10 in 32-63: 100 users
        ActivityGroups g = ActivityGroups.of(bins(new long[][] {{1, 1, 10, 10}, {2, 3, 20, 20}, {4, 7, 30, 30},
            {8, 15, 10, 40}, {16, 31, 20, 50}, {32, 63, 10, 60}}), "ndcg@10");
        // few: bins 1-3 (30 users: nearer 33.3 than 60); medium: 4-15 (40, cumulative 70 nearer 66.7 than 40 or 90)
        assertEquals(List.of("few (1–3)", "medium (4–15)", "many (16+)"), g.labels());
        assertArrayEquals(new long[] {30, 40, 30}, g.users());
        assertArrayEquals(new double[] {(10 * .1 + 20 * .2) / 30, (30 * .3 + 10 * .4) / 40, (20 * .5 + 10 * .6) / 30},
                g.values(), 1e-12);
    }

    @Test
    void coldUsersAreTheirOwnGroupAndFewBinsGiveFewerGroups() {
        ActivityGroups g = ActivityGroups.of(bins(new long[][] {{0, 0, 5, 0}, {4, 7, 10, 30}, {8, 15, 10, 50}}), "ndcg@10");
        assertEquals(List.of("cold (0)", "few (4–7)", "many (8+)"), g.labels());
        assertArrayEquals(new double[] {0.0, 0.3, 0.5}, g.values(), 1e-12);
        ActivityGroups one = ActivityGroups.of(bins(new long[][] {{16, 31, 7, 20}}), "ndcg@10");
        assertEquals(List.of("all (16+)"), one.labels());
    }
}
