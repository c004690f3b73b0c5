package animerec.bench.kernels;

import org.openjdk.jmh.annotations.Fork;

/** {@link SgdKernelBench} on the plain loops ({@code -Danimerec.scalar=true}): what the Vector API path gains. */
@Fork(value = 1, jvmArgsAppend = "-Danimerec.scalar=true")
public class SgdKernelScalarBench extends SgdKernelBench {
}
