package animerec.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Issue 21: XML escaping and the deterministic number formats. */
class SvgTest {
    @Test
    void escapesMarkupAndDropsWhatXmlCannotHold() {
        assertEquals("a&lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;", Svg.escape("a<b> & \"c\" 'd'"));
        assertEquals("bell\ufffd tab\t \ud83d\ude00 lone\ufffd", Svg.escape("bell\u0007 tab\t \ud83d\ude00 lone\ud83d"));
    }

    @Test
    void coordinatesHaveTwoDecimalsAtMost() {
        assertEquals("3", Svg.n(3));
        assertEquals("12.5", Svg.n(12.5));
        assertEquals("0.33", Svg.n(1 / 3.0));
        assertEquals("0", Svg.n(-0.001));
        assertEquals("-7.25", Svg.n(-7.25));
        assertThrows(IllegalStateException.class, () -> Svg.n(Double.NaN));
        assertThrows(IllegalStateException.class, () -> Svg.n(Double.POSITIVE_INFINITY));
    }

    @Test
    void valuesForPeople() {
        assertEquals("1234567", Svg.value(1234567));
        assertEquals("0.1235", Svg.value(0.123456));
        assertEquals("0.5", Svg.value(0.5));
        assertEquals("1.5E-7", Svg.value(1.5e-7));
        assertEquals("1.235E+15", Svg.value(1.2345e15));
        assertEquals("not a number", Svg.value(Double.NaN));
    }
}
