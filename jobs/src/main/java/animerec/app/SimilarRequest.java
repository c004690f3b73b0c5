package animerec.app;

import animerec.model.content.ContentKind;
import animerec.util.UserError;

/** The k items most similar to {@code item} by one content kind, with franchise diversity {@code diversity} in [0, 1]. */
public record SimilarRequest(String data, ContentKind kind, long item, int k, double diversity) {
    public static SimilarRequest of(AppContext ctx, String data, String model, long item, int k, double diversity) {
        Inputs.positive(k, "--k");
        if (!(diversity >= 0 && diversity <= 1)) {
            throw new UserError("--diversity must be in [0, 1], got " + diversity);
        }
        ContentKind kind = ContentKind.parse(model);
        new Inputs(ctx).dataset(data, "--data");
        return new SimilarRequest(data, kind, item, k, diversity);
    }
}
