package animerec.app;

import animerec.eval.UserSet;

/** Recommendations from any system to score against held-out truth; {@code json} (may be null) gets the metrics. */
public record MetricsRequest(String recs, String truth, int[] ks, UserSet users, long catalogSize, String json) {
    public static MetricsRequest of(AppContext ctx, String recs, String truth, int[] ks, String users, long catalogSize,
                                    String json) {
        Inputs.positive(ks, "--k");
        if (catalogSize < 0) {
            throw new animerec.util.UserError("--catalog-size must be 0 (no coverage) or positive, got " + catalogSize);
        }
        UserSet userSet = UserSet.parse(users);
        Inputs files = new Inputs(ctx);
        files.exists(recs, "--recs");
        files.exists(truth, "--truth");
        return new MetricsRequest(recs, truth, ks, userSet, catalogSize, json);
    }
}
