package animerec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The master a session would get, in the order getOrCreate applies them: --conf spark.master, then --master. */
class EffectiveMasterTest {
    @Test
    void confWinsOverMasterWhichWinsOverTheDefault() {
        assertEquals("yarn", SparkSessions.effectiveMaster("local[2]", Map.of("spark.master", "yarn")));
        assertEquals("spark://h:7077", SparkSessions.effectiveMaster("spark://h:7077", Map.of()));
        String expected = System.getProperty("spark.master", "local[*]");
        assertEquals(expected, SparkSessions.effectiveMaster(null, Map.of()));
        assertEquals(expected, SparkSessions.effectiveMaster(" ", Map.of("spark.ui.enabled", "false")));
    }
}
