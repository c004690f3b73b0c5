package animerec.model.warp;

import animerec.util.Seeds;
import java.util.SplittableRandom;

/**
 * The SGD kernel one task runs over its users' positives for one round: LightFM's WARP and BPR updates on
 * primitive arrays, with the same learning schedules (adagrad, adadelta), gradient clip (10) and rank-weight
 * log(max(1, ⌊(n − 1) / sampled⌋)). Negatives for WARP are drawn uniformly from all items, redrawn when they are
 * one of the user's positives; BPR draws a negative from the partition's positives (LightFM draws from all
 * interactions: the same popularity-weighted distribution, estimated locally).
 *
 * <p>L2 ({@code item_alpha}, {@code user_alpha}) is added to the gradient of the parameters an update touches;
 * LightFM instead shrinks every parameter lazily after each update. Both default to 0.
 */
final class WarpSgd {
    private static final double MAX_LOSS = 10.0;

    private final UserPartition part;
    private final UserParams user;
    private final ItemParams item;
    private final ItemSpace space;
    private final WarpSettings s;
    private final int d;
    private final float[] posRepr;
    private final float[] negRepr;
    private final float[] userRepr;

    WarpSgd(UserPartition part, UserParams user, ItemParams item, ItemSpace space, WarpSettings s) {
        this.part = part;
        this.user = user;
        this.item = item;
        this.space = space;
        this.s = s;
        this.d = s.components();
        this.posRepr = new float[d + 1];
        this.negRepr = new float[d + 1];
        this.userRepr = new float[d];
    }

    /** The epoch's order of this partition's positives: a seeded shuffle, the same in every round of the epoch. */
    static int[] order(int n, long seed, int epoch, int partition) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(Seeds.mix(Seeds.mix(seed ^ 0x5741525053L) + 31L * epoch + partition));
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }

    /** Runs positives {@code perm[from..to)}; returns the number of updates made. */
    long run(int[] perm, int from, int to, SplittableRandom rnd) {
        long updates = 0;
        int nItems = space.items();
        int[] items = part.items;
        for (int t = from; t < to; t++) {
            int e = perm[t];
            int u = part.owner[e];
            int pos = items[e];
            int count = part.start[u + 1] - part.start[u];
            System.arraycopy(user.emb, u * d, userRepr, 0, d);
            space.represent(pos, item, d, posRepr);
            double posPred = dot(userRepr, posRepr) + posRepr[d];
            if (s.loss() == WarpSettings.Loss.WARP) {
                if (count >= nItems) {
                    continue; // no negative exists
                }
                int sampled = 0;
                while (sampled < s.maxSampled()) {
                    int neg = rnd.nextInt(nItems);
                    if (part.isPositive(u, neg)) {
                        continue;
                    }
                    sampled++;
                    space.represent(neg, item, d, negRepr);
                    double negPred = dot(userRepr, negRepr) + negRepr[d];
                    if (negPred > posPred - 1) {
                        double loss = Math.min(MAX_LOSS, Math.log(Math.max(1.0, Math.floor((nItems - 1) / (double) sampled))));
                        update(loss, u, pos, neg);
                        updates++;
                        break;
                    }
                }
            } else {
                int neg = -1;
                for (int tries = 0; tries < items.length; tries++) {
                    int candidate = items[rnd.nextInt(items.length)];
                    neg = candidate;
                    if (!part.isPositive(u, candidate)) {
                        break;
                    }
                }
                if (neg < 0 || part.isPositive(u, neg)) {
                    continue;
                }
                space.represent(neg, item, d, negRepr);
                double negPred = dot(userRepr, negRepr) + negRepr[d];
                update(1.0 - sigmoid(posPred - negPred), u, pos, neg);
                updates++;
            }
        }
        return updates;
    }

    private static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    private double dot(float[] a, float[] b) {
        float r = 0f;
        for (int c = 0; c < d; c++) {
            r += a[c] * b[c];
        }
        return r;
    }

    /** LightFM's warp_update: the positive item is pushed up, the negative down, the user towards pos − neg. */
    private void update(double loss, int u, int pos, int neg) {
        int[] start = space.start;
        int[] index = space.index;
        float[] weight = space.weight;
        for (int t = start[pos]; t < start[pos + 1]; t++) {
            step(item.bias, item.biasG, item.biasM, index[t], -loss * weight[t], s.itemAlpha());
        }
        for (int t = start[neg]; t < start[neg + 1]; t++) {
            step(item.bias, item.biasG, item.biasM, index[t], loss * weight[t], s.itemAlpha());
        }
        for (int c = 0; c < d; c++) {
            double uc = userRepr[c];
            for (int t = start[pos]; t < start[pos + 1]; t++) {
                step(item.emb, item.embG, item.embM, index[t] * d + c, -loss * uc * weight[t], s.itemAlpha());
            }
            for (int t = start[neg]; t < start[neg + 1]; t++) {
                step(item.emb, item.embG, item.embM, index[t] * d + c, loss * uc * weight[t], s.itemAlpha());
            }
            step(user.emb, user.embG, user.embM, u * d + c, loss * (negRepr[c] - posRepr[c]), s.userAlpha());
        }
    }

    /** One scheduled step of parameter {@code x[at]} along gradient {@code g}. */
    private void step(float[] x, float[] sumSq, float[] moment, int at, double g, float alpha) {
        double grad = alpha == 0f ? g : g + alpha * x[at];
        if (s.adadelta()) {
            double rho = s.rho();
            double eps = s.epsilon();
            sumSq[at] = (float) (rho * sumSq[at] + (1 - rho) * grad * grad);
            double update = Math.sqrt(moment[at] + eps) / Math.sqrt(sumSq[at] + eps) * grad;
            moment[at] = (float) (rho * moment[at] + (1 - rho) * update * update);
            x[at] -= (float) update;
        } else {
            double rate = s.learningRate() / Math.sqrt(sumSq[at]);
            x[at] -= (float) (rate * grad);
            sumSq[at] += (float) (grad * grad);
        }
    }
}
