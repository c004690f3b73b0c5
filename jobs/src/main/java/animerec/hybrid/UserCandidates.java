package animerec.hybrid;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One user's candidates: the union of the components' top-N lists, with each component's rank (0 = not listed)
 * and normalised score per candidate, the user's activity (train interactions) and, for validation, the
 * relevant held-out items.
 */
final class UserCandidates implements Serializable {
    private static final long serialVersionUID = 1L;
    final long user;
    final long[] items;     // ascending
    final int[][] rank;     // [component][candidate], 1-based, 0 = not listed
    final float[][] norm;   // [component][candidate], the floor where not listed
    final float[][] raw;    // [component][candidate], the component's own score (NaN where not listed)
    long activity;
    long[] relevant;        // ascending; null outside validation
    long[] itemCount;       // [candidate] train interactions of the item; null unless asked for

    UserCandidates(long user, long[] items, int[][] rank, float[][] norm, float[][] raw) {
        this.user = user;
        this.items = items;
        this.rank = rank;
        this.norm = norm;
        this.raw = raw;
    }

    /**
     * @param entries rows of (item, component, rank, score) for this user, any order
     */
    static UserCandidates of(long user, long[] entryItems, int[] entryComponent, int[] entryRank, double[] entryScore,
                             int components, int listLength, BlendStrategy.Normalisation normalisation) {
        long[] items = Arrays.stream(entryItems).sorted().distinct().toArray();
        int n = items.length;
        int[][] rank = new int[components][n];
        float[][] raw = new float[components][n];
        for (float[] r : raw) {
            Arrays.fill(r, Float.NaN);
        }
        for (int e = 0; e < entryItems.length; e++) {
            int j = Arrays.binarySearch(items, entryItems[e]);
            int c = entryComponent[e];
            if (rank[c][j] == 0 || entryRank[e] < rank[c][j]) {
                rank[c][j] = entryRank[e];
                raw[c][j] = (float) entryScore[e];
            }
        }
        float[][] norm = new float[components][n];
        for (int c = 0; c < components; c++) {
            normalise(rank[c], raw[c], norm[c], listLength, normalisation);
        }
        return new UserCandidates(user, items, rank, norm, raw);
    }

    /** Candidate indices of component {@code c}'s own list in its rank order, at most {@code k}. */
    int[] ownTop(int c, int k) {
        Integer[] listed = java.util.stream.IntStream.range(0, items.length).filter(j -> rank[c][j] > 0).boxed()
                .toArray(Integer[]::new);
        Arrays.sort(listed, (a, b) -> Integer.compare(rank[c][a], rank[c][b]));
        int n = Math.min(k, listed.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = listed[i];
        }
        return out;
    }

    private static void normalise(int[] rank, float[] raw, float[] out, int listLength, BlendStrategy.Normalisation how) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double sumSq = 0;
        int listed = 0;
        for (int j = 0; j < rank.length; j++) {
            if (rank[j] > 0) {
                double s = raw[j];
                min = Math.min(min, s);
                max = Math.max(max, s);
                sum += s;
                sumSq += s * s;
                listed++;
            }
        }
        double mean = listed == 0 ? 0 : sum / listed;
        double std = listed == 0 ? 0 : Math.sqrt(Math.max(0, sumSq / listed - mean * mean));
        double floor = how == BlendStrategy.Normalisation.ZSCORE && listed > 0 && std > 0 ? (min - mean) / std : 0;
        for (int j = 0; j < rank.length; j++) {
            if (rank[j] == 0) {
                out[j] = (float) floor;
                continue;
            }
            double s = raw[j];
            out[j] = (float) switch (how) {
                case MINMAX -> max > min ? (s - min) / (max - min) : 1.0;
                case ZSCORE -> std > 0 ? (s - mean) / std : 0.0;
                case RANK -> 1.0 - (rank[j] - 1.0) / listLength;
            };
        }
    }
}
