package animerec.model.factor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link FloatOps} on the JDK Vector API; loaded only when the module is there. */
final class VectorFloatOps {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;

    private VectorFloatOps() {
    }

    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        FloatVector acc = FloatVector.zero(S);
        int f = 0;
        for (int bound = S.loopBound(n); f < bound; f += 8) {
            acc = FloatVector.fromArray(S, a, aOff + f).mul(FloatVector.fromArray(S, b, bOff + f)).add(acc);
        }
        float s = ((acc.lane(0) + acc.lane(1)) + (acc.lane(2) + acc.lane(3)))
                + ((acc.lane(4) + acc.lane(5)) + (acc.lane(6) + acc.lane(7)));
        for (; f < n; f++) {
            s += a[aOff + f] * b[bOff + f];
        }
        return s;
    }

    static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector av = FloatVector.broadcast(S, alpha);
        int f = 0;
        for (int bound = S.loopBound(n); f < bound; f += 8) {
            FloatVector.fromArray(S, x, xOff + f).mul(av).add(FloatVector.fromArray(S, y, yOff + f)).intoArray(y, yOff + f);
        }
        for (; f < n; f++) {
            y[yOff + f] += alpha * x[xOff + f];
        }
    }

    static void sgdStep(float[] p, int pOff, float[] q, int qOff, int n, float err, float lrP, float regP, float lrQ,
                        float regQ) {
        FloatVector e = FloatVector.broadcast(S, err);
        FloatVector lp = FloatVector.broadcast(S, lrP);
        FloatVector rp = FloatVector.broadcast(S, regP);
        FloatVector lq = FloatVector.broadcast(S, lrQ);
        FloatVector rq = FloatVector.broadcast(S, regQ);
        int f = 0;
        for (int bound = S.loopBound(n); f < bound; f += 8) {
            FloatVector pf = FloatVector.fromArray(S, p, pOff + f);
            FloatVector qf = FloatVector.fromArray(S, q, qOff + f);
            pf.add(lp.mul(e.mul(qf).sub(rp.mul(pf)))).intoArray(p, pOff + f);
            qf.add(lq.mul(e.mul(pf).sub(rq.mul(qf)))).intoArray(q, qOff + f);
        }
        for (; f < n; f++) {
            float pf = p[pOff + f];
            float qf = q[qOff + f];
            p[pOff + f] = pf + lrP * (err * qf - regP * pf);
            q[qOff + f] = qf + lrQ * (err * pf - regQ * qf);
        }
    }
}
