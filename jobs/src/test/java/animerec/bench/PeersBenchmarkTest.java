package animerec.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pair loop of bench-peers: alternation, per-pair ratios and the medians it reports. */
class PeersBenchmarkTest {
    @Test
    void alternatesOursThenThePeerAndReportsMediansOfEachSideAndOfTheRatios() {
        StringBuilder calls = new StringBuilder();
        Iterator<Double> ours = List.of(2.0, 1.0, 6.0).iterator();
        Iterator<Double> peer = List.of(1.0, 4.0, 3.0).iterator();
        ObjectNode f = PeersBenchmark.alternate("x", "epoch", 3, "what", "ours", "peer",
                () -> {
                    calls.append('o');
                    return ours.next();
                },
                () -> {
                    calls.append('p');
                    return peer.next();
                });
        assertEquals("opopop", calls.toString());
        assertEquals(2.0, f.path("ours").path("median_s").asDouble());
        assertEquals(3.0, f.path("peer").path("median_s").asDouble());
        // ratios 2, 0.25, 2: their median, not the ratio of the medians (2 / 3)
        assertEquals(2.0, f.path("ratio_median").asDouble());
        assertEquals(3, f.path("pairs").size());
        assertEquals(0.25, f.path("pairs").get(1).path("ratio").asDouble());
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, PeersBenchmark.median(new double[] {3, 1, 2}));
        assertEquals(2.5, PeersBenchmark.median(new double[] {4, 1, 2, 3}));
        assertEquals(Double.NaN, PeersBenchmark.median(new double[0]));
    }
}
