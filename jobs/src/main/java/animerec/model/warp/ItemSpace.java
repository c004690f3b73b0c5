package animerec.model.warp;

import java.io.Serializable;
import java.util.List;

/**
 * The items a WARP model knows and the features that describe them, in CSR form: item j (dense index, ids in
 * ascending order) has features {@code index[start[j]..start[j+1])} with weights {@code weight[..]}. Feature j
 * (for j &lt; items) is item j's identity; genre features follow. Weights of an item sum to 1 (LightFM's
 * {@code Dataset} normalises rows the same way by default), so an item's representation is the mean of its
 * feature embeddings.
 */
final class ItemSpace implements Serializable {
    private static final long serialVersionUID = 1L;
    final long[] ids;
    final int[] start;
    final int[] index;
    final float[] weight;
    final int features;
    final List<String> genres;

    ItemSpace(long[] ids, int[] start, int[] index, float[] weight, int features, List<String> genres) {
        this.ids = ids;
        this.start = start;
        this.index = index;
        this.weight = weight;
        this.features = features;
        this.genres = genres;
    }

    int items() {
        return ids.length;
    }

    /** The item's representation: Σ weight · embedding into {@code out[0..d)}, Σ weight · bias into {@code out[d]}. */
    void represent(int item, ItemParams p, int d, float[] out) {
        java.util.Arrays.fill(out, 0, d + 1, 0f);
        for (int t = start[item]; t < start[item + 1]; t++) {
            int f = index[t];
            float w = weight[t];
            int off = f * d;
            for (int c = 0; c < d; c++) {
                out[c] += w * p.emb[off + c];
            }
            out[d] += w * p.bias[f];
        }
    }
}
