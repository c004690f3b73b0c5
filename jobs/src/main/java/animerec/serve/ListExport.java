package animerec.serve;

import animerec.model.serving.Query;
import animerec.model.serving.Scored;
import animerec.model.serving.ServingModel;
import java.util.List;

/**
 * Top-k lists of one model in memory for many users, as {@code animerec recommend} exports them: each user's
 * history is their items in the seen table, and under the evaluation harness's candidate rule a list is the model's
 * top 2k, less the items nobody had in training, cut to k ({@link Histories#firstCandidates}, as serve
 * does). Users are scored on as many threads as there are cores; a served model is read-only, so that is safe.
 */
public final class ListExport {
    private ListExport() {
    }

    /**
     * @param users    the users, in the order of the result
     * @param seen     each user's items to leave out (a user it does not have leaves none out)
     * @param training the model's training table, whose items are the candidates
     * @param allItems every item the model ranks is a candidate (--all-items)
     * @return per user (same order), the list best first; empty when the model cannot score the user
     */
    public static List<List<Scored>> lists(ServingModel model, long[] users, Histories seen, Histories training, int k,
                                           boolean allItems) {
        // the common pool's threads and this one: one per core; the order of the result is the users'
        return java.util.stream.IntStream.range(0, users.length).parallel()
                .mapToObj(i -> list(model, users[i], seen, training, k, allItems)).toList();
    }

    static List<Scored> list(ServingModel model, long user, Histories seen, Histories training, int k, boolean allItems) {
        long[] history = seen.of(user);
        Query q = new Query(user, history == null ? new long[0] : history);
        return allItems ? model.recommend(q, k) : training.firstCandidates(model.recommend(q, 2 * k), k);
    }
}
