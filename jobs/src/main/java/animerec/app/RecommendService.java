package animerec.app;

import static org.apache.spark.sql.functions.col;

import animerec.artifact.ModelRegistry;
import animerec.catalog.ModelCatalog;
import animerec.data.Columns;
import animerec.data.Datasets;
import animerec.eval.ModelEvaluation;
import animerec.model.ExplainedRecommender;
import animerec.model.FallbackAware;
import animerec.model.FamilyTraits;
import animerec.model.LikedItemsRecommender;
import animerec.model.RecommenderModel;
import animerec.model.serving.Scored;
import animerec.serve.Histories;
import animerec.serve.ListExport;
import animerec.serve.ServedModel;
import animerec.serve.ServingLoader;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Exports top-K recommendations of a registered model as CSV (user_id,item_id,rank,score; a hybrid's also say where
 * each item came from), under the evaluation harness's candidate rule. A model whose family exports from memory
 * ({@link animerec.model.serving.Servable#exportsFromMemory}) is exported without Spark when the master is local
 * (the same lists: serve's tests hold its models to the batch's); --spark asks for the Spark job.
 */
public final class RecommendService {
    private final RecommendRequest request;
    /** The lists, cached while the unknown users' note counts them and the export writes them; dropped at the end. */
    private Dataset<Row> cached;

    private RecommendService(RecommendRequest request) {
        this.request = request;
    }

    public static void run(AppContext ctx, RecommendRequest request) {
        new RecommendService(request).run(ctx);
    }

    private void run(AppContext ctx) {
        if (request.liked() == null && !request.explain() && !request.spark() && ctx.localMaster()) {
            ServedModel served = ServingLoader.exportable(ctx.registry(), ctx.files(), request.model());
            if (served != null) {
                exportFromMemory(ctx, served);
                return;
            }
        }
        try {
            export(ctx);
        } finally {
            if (cached != null) {
                cached.unpersist();
            }
        }
    }

    private void export(AppContext ctx) {
        SparkSession spark = ctx.spark("animerec recommend");
        ModelRegistry registry = ctx.registry(spark);
        ObjectNode entry = registry.resolve(request.model());
        RecommenderModel m = registry.load(spark, request.model());
        if (request.liked() != null) {
            if (!(m instanceof LikedItemsRecommender cold)) {
                throw new UserError(m.family() + " cannot recommend from liked items alone; use a content model "
                        + "(genre, tfidf, embedding)");
            }
            Dataset<Row> recs = cold.recommendForLiked(request.liked(), request.k()).select(col(Columns.ITEM).as("item_id"), col(Columns.RANK),
                    col(Columns.SCORE));
            emit(recs.repartition(1).sortWithinPartitions(Columns.RANK), "recommendations for a user who likes "
                    + request.liked() + " from " + entry.path("name").asText() + " " + entry.path("version").asText());
            return;
        }
        String trainPath = entry.path("train_path").asText(null);
        if (trainPath == null && request.seen() == null) {
            throw new UserError(request.model() + ": the registry does not say what it was trained on; pass --seen PATH");
        }
        Dataset<Row> seen = Datasets.readTable(spark, request.seen() != null ? request.seen() : trainPath, Columns.INTERACTIONS)
                .select(Columns.USER, Columns.ITEM);
        // the training data (the seen table when it is that, or when the registry does not say), read once
        Dataset<Row> training = trainPath == null || request.seen() == null ? seen
                : Datasets.readTable(spark, trainPath, Columns.INTERACTIONS).select(Columns.USER, Columns.ITEM);
        // the harness's candidates: the items seen in training
        Dataset<Row> catalog = request.allItems() ? null : training.select(Columns.ITEM).distinct();
        Dataset<Row> targets = request.allUsers() ? seen.select(Columns.USER).distinct()
                : spark.createDataset(request.userIds(), Encoders.LONG()).toDF(Columns.USER);
        // requested ids the model never saw in training: named in a note (below, once their lists are known)
        Dataset<Row> trained = training.select(Columns.USER).distinct();
        List<Long> unknown = request.allUsers() ? List.of()
                : targets.join(trained, new String[] {Columns.USER}, "left_anti").distinct().orderBy(Columns.USER)
                        .as(Encoders.LONG()).collectAsList();
        // a content model's own note: users with history but no usable features (the unknown ones are told apart)
        String note = m instanceof FallbackAware f
                ? f.fallbackNote(unknown.isEmpty() ? targets : targets.join(trained, new String[] {Columns.USER}, "left_semi"))
                : null;
        if (note != null) {
            System.err.println("note: " + note);
        }
        if (request.explain() && !(m instanceof ExplainedRecommender)) {
            throw new UserError("--explain needs a model that says where its items come from (hybrid-weighted, "
                    + "hybrid-rrf, hybrid-borda), not " + m.family());
        }
        if (m instanceof ExplainedRecommender h) {
            // a hybrid's export always says where each item came from
            Dataset<Row> recs = candidates(n -> h.recommendExplained(targets, seen, n), seen, catalog)
                    .select(col(Columns.USER), col(Columns.ITEM).as("item_id"), col(Columns.RANK), col(Columns.SCORE),
                            col("sources"), col("why"));
            Dataset<Row> sorted = noteUnknownUsers(recs.repartition(1).sortWithinPartitions(Columns.USER, Columns.RANK),
                    unknown, m);
            if (request.explain()) {
                long current = Long.MIN_VALUE;
                for (Row r : sorted.collectAsList()) {
                    if (r.getLong(0) != current) {
                        current = r.getLong(0);
                        System.out.println("user " + current + " (" + h.explanationHeader() + ")");
                    }
                    System.out.printf(java.util.Locale.ROOT, "  %2d. item %-8d score %.4f  from %s%n", r.getInt(2), r.getLong(1),
                            r.getDouble(3), r.getString(4));
                    if (!r.isNullAt(5)) {
                        System.out.println("      why: " + r.getString(5));
                    }
                }
                if (request.out() == null) {
                    return;
                }
            }
            emit(sorted, "recommendations of " + entry.path("name").asText() + " " + entry.path("version").asText());
            return;
        }
        Dataset<Row> recs = candidates(n -> m.recommend(targets, seen, n), seen, catalog)
                .select(col(Columns.USER), col(Columns.ITEM).as("item_id"), col(Columns.RANK), col(Columns.SCORE));
        emit(noteUnknownUsers(recs.repartition(1).sortWithinPartitions(Columns.USER, Columns.RANK), unknown, m),
                "recommendations of " + entry.path("name").asText() + " " + entry.path("version").asText());
    }

    /**
     * The same lists as {@link #export} from the model in memory ({@link ListExport}), with no Spark session: the
     * model's files, its training table and the seen table are read directly, the users scored on every core.
     */
    private void exportFromMemory(AppContext ctx, ServedModel served) {
        long t0 = System.nanoTime();
        Histories training = served.train();
        Histories seen = request.seen() == null ? training : ServingLoader.histories(ctx.files(), request.seen());
        long[] users = request.allUsers() ? seen.userIds()
                : request.userIds().stream().mapToLong(Long::longValue).sorted().distinct().toArray();
        List<List<Scored>> lists = ListExport.lists(served.model(), users, seen, training, request.k(), request.allItems());
        List<Long> unknown = new java.util.ArrayList<>();
        long unknownServed = 0;
        StringBuilder csv = new StringBuilder("user_id,item_id,rank,score\n");
        long rows = 0;
        for (int i = 0; i < users.length; i++) {
            List<Scored> list = lists.get(i);
            if (!request.allUsers() && !training.hasUser(users[i])) {
                unknown.add(users[i]);
                unknownServed += list.isEmpty() ? 0 : 1;
            }
            for (int r = 0; r < list.size(); r++) {
                csv.append(users[i]).append(',').append(list.get(r).item()).append(',').append(r + 1).append(',')
                        .append(list.get(r).score()).append('\n');
                rows++;
            }
        }
        if (!unknown.isEmpty()) {
            System.err.println(unknownUsersNote(unknown, unknownServed, served.family()));
        }
        animerec.util.Progress.line("  recommend: %s from memory (no Spark): %,d users scored in %.1f s", served.key(),
                users.length, animerec.util.Progress.seconds(t0));
        if (request.out() == null) {
            System.out.print(csv);
            return;
        }
        ctx.files().writeStringAtomically(request.out(), csv.toString());
        System.out.printf("wrote %,d %s to %s%n", rows, "recommendations of " + served.name() + " " + served.version(),
                request.out());
    }

    /**
     * When some requested users are not in the model's training data, says on stderr how many, names the first, and
     * what they get, counted in {@code recs} (kept cached for the export): a collaborative model lists nothing for
     * them, popularity and the content models' popularity fallback list the most popular items.
     */
    private Dataset<Row> noteUnknownUsers(Dataset<Row> recs, List<Long> unknown, RecommenderModel m) {
        if (unknown.isEmpty()) {
            return recs;
        }
        cached = recs.cache();
        long served = cached.filter(col(Columns.USER).isin(unknown.toArray())).select(Columns.USER).distinct().count();
        System.err.println(unknownUsersNote(unknown, served, m.family()));
        return cached;
    }

    /** The note on {@code unknown} users (ascending), {@code served} of whom got a list from {@code family}. */
    private static String unknownUsersNote(List<Long> unknown, long served, String family) {
        String popular = ModelCatalog.get(family).traits().equals(FamilyTraits.NON_PERSONALISED)
                ? "the most popular items, as every user does" : "the most popular items (popularity fallback)";
        String what = served == unknown.size() ? "they get " + popular
                : served == 0 ? "they get no recommendations (" + family + " scores only users it was trained on)"
                : String.format("%,d of them get %s, the others no recommendations", served, popular);
        return String.format("note: %,d of the requested users %s not in the training data (e.g. %d); %s", unknown.size(),
                unknown.size() == 1 ? "is" : "are", unknown.get(0), what);
    }

    /** Top-k lists under the harness's candidate rule ({@code catalog} null: every item the model ranks, --all-items). */
    private Dataset<Row> candidates(IntFunction<Dataset<Row>> topK, Dataset<Row> seen, Dataset<Row> catalog) {
        return catalog == null ? topK.apply(request.k()) : ModelEvaluation.candidateTopK(topK, seen, catalog, request.k());
    }

    /** Writes the CSV to --out, or prints it when there is no --out. */
    private void emit(Dataset<Row> oneSorted, String what) {
        if (request.out() == null) {
            System.out.println(String.join(",", oneSorted.columns()));
            for (Row r : oneSorted.collectAsList()) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < r.length(); i++) {
                    line.append(i == 0 ? "" : ",").append(r.get(i));
                }
                System.out.println(line);
            }
            return;
        }
        long rows = SingleCsv.write(oneSorted, request.out());
        System.out.printf("wrote %,d %s to %s%n", rows, what, request.out());
    }
}
