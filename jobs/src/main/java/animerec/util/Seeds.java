package animerec.util;

import java.util.SplittableRandom;

/** Seeded randomness shared by the generators and trainers: a 64-bit mixer and a portable normal draw. */
public final class Seeds {
    private Seeds() {
    }

    /** SplitMix64's finaliser: spreads (seed, id) combinations into well-mixed 64-bit seeds. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A standard normal draw (Box–Muller with StrictMath, identical on every JVM). */
    public static double gaussian(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(1 - u1)) * StrictMath.cos(2 * Math.PI * u2);
    }
}
