package animerec.spark;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import dev.ludovic.netlib.lapack.NativeLAPACK;

/**
 * The BLAS and LAPACK that Spark MLlib (ALS) and our EASE use: netlib's ({@code dev.ludovic.netlib}, which Spark
 * brings). We use its pure-Java implementations: VectorBLAS (the JDK Vector API kernels; the launcher adds
 * {@code --add-modules=jdk.incubator.vector}, hence the JVM's "Using incubator modules" line) and F2jLAPACK. Without
 * this, netlib first tries a native {@code libblas.so.3}/{@code liblapack.so.3}, and on a machine without one its JNI
 * stub prints two {@code dlopen ... failed} lines straight to standard error (no logger can silence them). A machine
 * that has a native library and wants it starts the JVM with {@code -Ddev.ludovic.netlib.blas.allowNative=true}
 * (and {@code ...lapack.allowNative=true}), e.g. through {@code ANIMEREC_JAVA_OPTS}.
 */
public final class Blas {
    private static final String[] ALLOW_NATIVE = {
        "dev.ludovic.netlib.blas.allowNative", "dev.ludovic.netlib.lapack.allowNative",
        "dev.ludovic.netlib.arpack.allowNative"};

    private Blas() {
    }

    /**
     * Pure Java unless the JVM was told otherwise: sets each {@code allowNative} property that is not set to false.
     * Takes effect only before netlib's first use in this JVM (it picks its implementation once).
     */
    public static void preferJava() {
        for (String key : ALLOW_NATIVE) {
            if (System.getProperty(key) == null) {
                System.setProperty(key, "false");
            }
        }
    }

    /** One line naming the implementations in use, e.g. "BLAS: VectorBLAS (pure Java, Vector API), LAPACK: ...". */
    public static String describe() {
        BLAS blas = BLAS.getInstance();
        LAPACK lapack = LAPACK.getInstance();
        String blasKind = blas instanceof NativeBLAS ? "native"
                : blas.getClass().getSimpleName().equals("VectorBLAS") ? "pure Java, Vector API" : "pure Java";
        String lapackKind = lapack instanceof NativeLAPACK ? "native" : "pure Java";
        return "BLAS: " + blas.getClass().getSimpleName() + " (" + blasKind + "), LAPACK: "
                + lapack.getClass().getSimpleName() + " (" + lapackKind + ")";
    }
}
