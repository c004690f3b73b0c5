package animerec.app;

import animerec.model.content.ContentKind;
import animerec.util.UserError;
import java.util.List;

/** Item feature matrices to build beside a dataset ({@code animerec features}); {@code embeddings} and {@code report} may be null. */
public record FeaturesRequest(String data, List<ContentKind> kinds, int neighbours, String embeddings, long broadcastLimitMb,
                              String report) {
    /** {@code kinds} null: every kind. */
    public static FeaturesRequest of(AppContext ctx, String data, List<String> kinds, int neighbours, String embeddings,
                                     long broadcastLimitMb, String report) {
        if (neighbours < 0) {
            throw new UserError("--neighbours must be 0 or more, got " + neighbours);
        }
        List<ContentKind> selected = kinds == null ? List.of(ContentKind.values()) : kinds.stream().map(ContentKind::parse).toList();
        Inputs files = new Inputs(ctx);
        files.dataset(data, "--data");
        if (embeddings != null) {
            files.exists(embeddings, "--embeddings");
        }
        return new FeaturesRequest(data, selected, neighbours, embeddings, broadcastLimitMb, report);
    }
}
