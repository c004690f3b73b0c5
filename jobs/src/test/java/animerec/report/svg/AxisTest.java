package animerec.report.svg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 21: nice ticks (1-2-5 steps, powers of ten), their labels, padding of one value, the pixel mapping. */
class AxisTest {
    private static List<String> labels(Axis a) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add(a.label(i));
        }
        return out;
    }

    @Test
    void linearTicksAreOneTwoFiveSteps() {
        Axis a = Axis.fit(Scale.LINEAR, 0, 0.47);
        assertArrayEquals(new double[] {0, 0.1, 0.2, 0.3, 0.4, 0.5}, a.ticks());
        assertEquals(List.of("0", "0.1", "0.2", "0.3", "0.4", "0.5"), labels(a));
        assertEquals(0, a.lo);
        assertEquals(0.5, a.hi);

        Axis unit = Axis.fit(Scale.LINEAR, 0, 1);
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1}, unit.ticks());
        assertEquals(List.of("0", "0.2", "0.4", "0.6", "0.8", "1.0"), labels(unit));

        assertArrayEquals(new double[] {0, 20, 40, 60, 80, 100}, Axis.fit(Scale.LINEAR, 3, 97).ticks());
        assertArrayEquals(new double[] {-0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8}, Axis.fit(Scale.LINEAR, -0.3, 0.7).ticks());
        // raw step 0.12 / 5 = 0.024 rounds to 0.02
        assertArrayEquals(new double[] {0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.12, 0.14},
                Axis.fit(Scale.LINEAR, 0.01, 0.13).ticks());
        assertEquals(List.of("0", "0.02", "0.04", "0.06", "0.08", "0.10", "0.12", "0.14"),
                labels(Axis.fit(Scale.LINEAR, 0.01, 0.13)));
        assertArrayEquals(new double[] {0.26, 0.28, 0.3, 0.32, 0.34, 0.36, 0.38}, Axis.fit(Scale.LINEAR, 0.27, 0.38).ticks());
    }

    @Test
    void largeLinearLabelsUseSuffixes() {
        Axis a = Axis.fit(Scale.LINEAR, 0, 40000);
        assertArrayEquals(new double[] {0, 10000, 20000, 30000, 40000}, a.ticks());
        assertEquals(List.of("0", "10k", "20k", "30k", "40k"), labels(a));
        assertEquals(List.of("0", "5k", "10k", "15k", "20k", "25k", "30k", "35k"), labels(Axis.fit(Scale.LINEAR, 0, 30500)));
        assertEquals(List.of("0", "0.5M", "1.0M", "1.5M", "2.0M", "2.5M"), labels(Axis.fit(Scale.LINEAR, 0, 2.5e6)));
    }

    @Test
    void oneValueIsPadded() {
        assertArrayEquals(new double[] {4.4, 4.6, 4.8, 5, 5.2, 5.4, 5.6}, Axis.fit(Scale.LINEAR, 5, 5).ticks());
        assertArrayEquals(new double[] {-1, -0.5, 0, 0.5, 1}, Axis.fit(Scale.LINEAR, 0, 0).ticks());
        assertArrayEquals(new double[] {10, 20, 50, 100, 200, 500, 1000}, Axis.fit(Scale.LOG10, 100, 100).ticks());
        assertArrayEquals(new double[] {10, 20, 50, 100}, Axis.fit(Scale.LOG10, 50, 50).ticks());
    }

    @Test
    void logTicksArePowersOfTen() {
        Axis a = Axis.fit(Scale.LOG10, 3, 4000);
        assertArrayEquals(new double[] {1, 10, 100, 1000, 10000}, a.ticks());
        assertEquals(List.of("1", "10", "100", "1000", "10k"), labels(a));
        assertArrayEquals(new double[] {0.001, 0.01, 0.1, 1}, Axis.fit(Scale.LOG10, 0.002, 0.5).ticks());
        assertEquals(List.of("0.001", "0.01", "0.1", "1"), labels(Axis.fit(Scale.LOG10, 0.002, 0.5)));
        // two decades or fewer: 1, 2, 5 times each power
        assertArrayEquals(new double[] {1, 2, 5, 10, 20, 50, 100}, Axis.fit(Scale.LOG10, 1, 100).ticks());
        // fifteen decades: every second power, so eight intervals
        Axis wide = Axis.fit(Scale.LOG10, 1e-3, 1e12);
        assertArrayEquals(new double[] {1e-4, 1e-2, 1, 1e2, 1e4, 1e6, 1e8, 1e10, 1e12}, wide.ticks());
        assertEquals(List.of("0.0001", "0.01", "1", "100", "10k", "1M", "100M", "10G", "1T"), labels(wide));
        assertEquals(List.of("1e-6", "2e-6", "5e-6", "1e-5", "2e-5", "5e-5", "0.0001"),
                labels(Axis.fit(Scale.LOG10, 1e-6, 1e-4)));
    }

    @Test
    void pixelMapping() {
        Axis linear = Axis.fit(Scale.LINEAR, 0, 0.47);
        assertEquals(100, linear.pixel(0, 100, 600), 1e-9);
        assertEquals(350, linear.pixel(0.25, 100, 600), 1e-9);
        assertEquals(600, linear.pixel(0.5, 100, 600), 1e-9);
        assertEquals(240, linear.pixel(0.1, 300, 0), 1e-9);
        Axis log = Axis.fit(Scale.LOG10, 3, 4000);
        assertEquals(0, log.pixel(1, 0, 400), 1e-9);
        assertEquals(100, log.pixel(10, 0, 400), 1e-9);
        assertEquals(200, log.pixel(100, 0, 400), 1e-9);
        assertEquals(400, log.pixel(10000, 0, 400), 1e-9);
        assertEquals(400 - 400 * Math.log10(3) / 4, log.pixel(3, 400, 0), 1e-9);
    }

    @Test
    void aValueTheScaleCannotPlaceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Axis.fit(Scale.LOG10, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> Axis.fit(Scale.LINEAR, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> Axis.fit(Scale.LINEAR, 2, 1));
    }
}
