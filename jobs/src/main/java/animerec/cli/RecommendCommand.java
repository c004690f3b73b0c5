package animerec.cli;

import static org.apache.spark.sql.functions.col;

import animerec.artifact.ModelRegistry;
import animerec.data.Columns;
import animerec.data.Datasets;
import animerec.eval.ModelEvaluation;
import animerec.model.ExplainedRecommender;
import animerec.model.FallbackAware;
import animerec.model.LikedItemsRecommender;
import animerec.model.RecommenderModel;
import animerec.util.HadoopFiles;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = {"Export top-K recommendations of a registered model as CSV: user_id,item_id,rank,score.",
            "Candidates follow the evaluation harness's rule: the items seen in the model's training data, minus the",
            "user's own training items (--all-items: every catalogue item the model can rank, minus the user's own)."})
final class RecommendCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "NAME[@VERSION]", description = "registered model")
    String model;

    @Option(names = "--users", paramLabel = "all|ID[,ID...]",
            description = "all users of the training data, or a comma-separated list of user ids")
    String users;

    @Option(names = "--liked", split = ",", paramLabel = "ID[,ID...]",
            description = "cold start: recommend for a new user who likes these items (content models; every "
                    + "catalogue item but the liked ones is a candidate)")
    List<Long> liked;

    @Option(names = "--k", description = "list length (default: ${DEFAULT-VALUE})")
    int k = 10;

    @Option(names = "--explain", description = "hybrid models: print, for every item, the components that listed it "
            + "with their rank and normalised score")
    boolean explain;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "CSV file to write (default: print to the terminal)")
    String out;

    @Option(names = "--all-items", description = "--users: allow every catalogue item the model ranks, also items "
            + "nobody interacted with in training (content models rank them); default: the harness's candidates only")
    boolean allItems;

    @Option(names = "--seen", paramLabel = "PATH",
            description = "interactions to exclude (Parquet; default: the model's training data)")
    String seenPath;

    @Override
    public Integer call() {
        if (k <= 0) {
            throw new UserError("--k must be positive, got " + k);
        }
        if ((users == null) == (liked == null)) {
            throw new UserError("pass exactly one of --users (known users) and --liked (a new user's liked items)");
        }
        SparkSession spark = common.spark("animerec recommend");
        ModelRegistry registry = common.registry(spark);
        ObjectNode entry = registry.resolve(model);
        RecommenderModel m = registry.load(spark, model);
        if (liked != null) {
            if (!(m instanceof LikedItemsRecommender cold)) {
                throw new UserError(m.family() + " cannot recommend from liked items alone; use a content model "
                        + "(genre, tfidf, embedding)");
            }
            Dataset<Row> recs = cold.recommendForLiked(liked, k).select(col(Columns.ITEM).as("item_id"), col(Columns.RANK),
                    col(Columns.SCORE));
            emit(recs.repartition(1).sortWithinPartitions(Columns.RANK), "recommendations for a user who likes "
                    + liked + " from " + entry.path("name").asText() + " " + entry.path("version").asText());
            return 0;
        }
        String trainPath = entry.path("train_path").asText(null);
        if (trainPath == null && seenPath == null) {
            throw new UserError(model + ": the registry does not say what it was trained on; pass --seen PATH");
        }
        Dataset<Row> seen = Datasets.readTable(spark, seenPath != null ? seenPath : trainPath, Columns.INTERACTIONS)
                .select(Columns.USER, Columns.ITEM);
        // the harness's candidates: the items seen in training (the seen table when the registry does not say)
        Dataset<Row> catalog = allItems ? null : (trainPath == null ? seen
                : Datasets.readTable(spark, trainPath, Columns.INTERACTIONS)).select(Columns.ITEM).distinct();
        Dataset<Row> targets;
        if (users.equalsIgnoreCase("all")) {
            targets = seen.select(Columns.USER).distinct();
        } else {
            List<Long> ids;
            try {
                ids = Arrays.stream(users.split(",")).map(String::trim).map(Long::valueOf).toList();
            } catch (NumberFormatException e) {
                throw new UserError("--users must be 'all' or comma-separated numeric ids, got '" + users + "'");
            }
            targets = spark.createDataset(ids, Encoders.LONG()).toDF(Columns.USER);
        }
        String note = m instanceof FallbackAware f ? f.fallbackNote(targets) : null;
        if (note != null) {
            System.out.println(note);
        }
        if (explain && !(m instanceof ExplainedRecommender)) {
            throw new UserError("--explain needs a model that says where its items come from (hybrid-weighted, "
                    + "hybrid-rrf, hybrid-borda), not " + m.family());
        }
        if (m instanceof ExplainedRecommender h) {
            // a hybrid's export always says where each item came from
            Dataset<Row> recs = candidates(n -> h.recommendExplained(targets, seen, n), seen, catalog)
                    .select(col(Columns.USER), col(Columns.ITEM).as("item_id"), col(Columns.RANK), col(Columns.SCORE),
                            col("sources"), col("why"));
            Dataset<Row> sorted = recs.repartition(1).sortWithinPartitions(Columns.USER, Columns.RANK);
            if (explain) {
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
                if (out == null) {
                    return 0;
                }
            }
            emit(sorted, "recommendations of " + entry.path("name").asText() + " " + entry.path("version").asText());
            return 0;
        }
        Dataset<Row> recs = candidates(n -> m.recommend(targets, seen, n), seen, catalog)
                .select(col(Columns.USER), col(Columns.ITEM).as("item_id"), col(Columns.RANK), col(Columns.SCORE));
        emit(recs.repartition(1).sortWithinPartitions(Columns.USER, Columns.RANK), "recommendations of "
                + entry.path("name").asText() + " " + entry.path("version").asText());
        return 0;
    }

    /** Top-k lists under the harness's candidate rule ({@code catalog} null: every item the model ranks, --all-items). */
    private Dataset<Row> candidates(IntFunction<Dataset<Row>> topK, Dataset<Row> seen, Dataset<Row> catalog) {
        return catalog == null ? topK.apply(k) : ModelEvaluation.candidateTopK(topK, seen, catalog, k);
    }

    /** Writes the CSV to --out, or prints it when there is no --out. */
    private void emit(Dataset<Row> oneSorted, String what) {
        if (out == null) {
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
        long rows = writeSingleCsv(oneSorted, out);
        System.out.printf("wrote %,d %s to %s%n", rows, what, out);
    }

    /** Writes a one-partition Dataset as one CSV file with a header (via a temporary folder). */
    static long writeSingleCsv(Dataset<Row> oneSorted, String file) {
        Configuration conf = oneSorted.sparkSession().sparkContext().hadoopConfiguration();
        Path target = new Path(file);
        String tmp = new Path(target.getParent() == null ? new Path(".") : target.getParent(),
                "." + target.getName() + ".tmp-" + UUID.randomUUID()).toString();
        oneSorted.write().option("header", true).csv(tmp);
        try {
            FileSystem fs = target.getFileSystem(conf);
            FileStatus[] parts = fs.globStatus(new Path(tmp, "part-*"));
            if (parts == null || parts.length != 1) {
                throw new IllegalStateException("expected one CSV part in " + tmp);
            }
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(parts[0].getPath(), target)) {
                throw new UserError("cannot write " + file);
            }
            fs.delete(new Path(tmp), true);
        } catch (java.io.IOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage(), e);
        }
        return oneSorted.sparkSession().read().option("header", true).csv(file).count();
    }
}
