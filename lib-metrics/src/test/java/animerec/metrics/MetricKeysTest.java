package animerec.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MetricKeysTest {

    @Test
    void keyNames() {
        assertEquals("precision@10", MetricKeys.precision(10));
        assertEquals("recall@10", MetricKeys.recall(10));
        assertEquals("f1@10", MetricKeys.f1(10));
        assertEquals("ndcg@10", MetricKeys.ndcg(10));
        assertEquals("map@10", MetricKeys.map(10));
        assertEquals("hit_rate@10", MetricKeys.hitRate(10));
        assertEquals("mrr", MetricKeys.MRR);
    }
}
