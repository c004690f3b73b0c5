package animerec.app;

import animerec.util.UserError;
import java.util.Arrays;
import java.util.List;

/**
 * Top-k lists of a registered model: for known users ({@code userIds} null: all users of the training data) or, with
 * {@code liked}, for a new user who likes those items. {@code out} null prints the CSV; {@code seen} null excludes
 * the model's training data. {@code spark} runs the export as a Spark job even when the model could be exported from
 * memory.
 */
public record RecommendRequest(String model, boolean allUsers, List<Long> userIds, List<Long> liked, int k, boolean explain,
                               String out, boolean allItems, String seen, boolean spark) {
    /** {@code users} is "all" or comma-separated ids; exactly one of it and {@code liked} is given. */
    public static RecommendRequest of(AppContext ctx, String model, String users, List<Long> liked, int k, boolean explain,
                                      String out, boolean allItems, String seen, boolean spark) {
        Inputs.positive(k, "--k");
        if ((users == null) == (liked == null)) {
            throw new UserError("pass exactly one of --users (known users) and --liked (a new user's liked items)");
        }
        boolean all = users != null && users.equalsIgnoreCase("all");
        List<Long> ids = null;
        if (users != null && !all) {
            try {
                ids = Arrays.stream(users.split(",")).map(String::trim).map(Long::valueOf).toList();
            } catch (NumberFormatException e) {
                throw new UserError("--users must be 'all' or comma-separated numeric ids, got '" + users + "'");
            }
        }
        Inputs files = new Inputs(ctx);
        files.notAFile(ctx.config().paths.artifacts, "--artifacts");
        if (seen != null) {
            files.exists(seen, "--seen");
        }
        return new RecommendRequest(model, all, ids, liked, k, explain, out, allItems, seen, spark);
    }
}
