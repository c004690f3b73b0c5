package animerec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import animerec.testing.SparkTestSupport;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The shared test session (this JVM has no terminal) shows no console progress bar and uses netlib's pure Java. */
class SparkSessionsTest {
    @Test
    void noProgressBarWithoutATerminalAndPureJavaBlas() {
        SparkSession spark = SparkTestSupport.spark();
        assertEquals(null, System.console(), "surefire's forked JVM has no terminal");
        assertEquals("false", spark.sparkContext().getConf().get("spark.ui.showConsoleProgress"));
        assertEquals("false", System.getProperty("dev.ludovic.netlib.blas.allowNative"));
        assertEquals("BLAS: VectorBLAS (pure Java, Vector API), LAPACK: F2jLAPACK (pure Java)", Blas.describe());
    }
}
