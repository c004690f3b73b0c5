package animerec.cli;

import animerec.data.ColumnMapping;
import animerec.data.Columns;
import animerec.data.Datasets;
import animerec.data.Fingerprints;
import animerec.data.ingest.Ingest;
import animerec.data.ingest.InteractionLineParser;
import animerec.data.ingest.RatingRules;
import animerec.split.SplitData;
import animerec.split.SplitStrategy;
import animerec.split.Splitter;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "split", mixinStandardHelpOptions = true,
        description = {"Split a dataset's interactions per user into train and test (and a validation carve-out of train).",
            "Strategies: random (seeded share), temporal (latest share), leave-one-out (latest one),",
            "given (import --train and --test files as they are, e.g. ml-100k-split/train.tsv and test.tsv).",
            "A given file's empty rating field means watched, not rated (a null rating); so does the value of",
            "--unrated-marker (none by default: pass --unrated-marker -1 for Kaggle's anime ratings)."})
final class SplitCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--data", paramLabel = "DIR", description = "dataset folder (not for given)")
    String data;

    @Option(names = "--strategy", description = "random, temporal, leave-one-out, cold-items or given (default: split.strategy)")
    String strategy;

    @Option(names = "--test-ratio", description = "share of each user's interactions held out (default: split.test_ratio)")
    Double testRatio;

    @Option(names = "--validation-ratio",
            description = "share of each user's train interactions carved out for validation; 0 = none (default: split.validation_ratio)")
    Double validationRatio;

    @Option(names = "--train", paramLabel = "FILE", description = "given: train file (delimited, with a header)")
    String trainFile;

    @Option(names = "--test", paramLabel = "FILE", description = "given: test file (delimited, with a header)")
    String testFile;

    @Option(names = "--sep", description = "given: separator (default: \\t)")
    String sep = "\\t";

    @Option(names = "--unrated-marker", paramLabel = "VALUE",
            description = "given: the rating value that means watched, not rated, stored as a null rating "
                    + "(Kaggle's anime data: -1; default: none, every number is a rating)")
    Double unratedMarker;

    @Option(names = "--items", paramLabel = "DIR",
            description = "given: a dataset folder whose items table is copied into the split (for content models)")
    String items;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "split folder to write")
    String out;

    @Override
    public Integer call() {
        SparkSession spark = common.spark("animerec split");
        SplitJob.Given given = trainFile == null && testFile == null && unratedMarker == null ? null
                : new SplitJob.Given(trainFile, testFile, IngestCommand.separator(sep), unratedMarker);
        SplitData split = SplitJob.run(spark, common, data, strategy, testRatio, validationRatio, given, items, out);
        ObjectNode m = (ObjectNode) split.manifest();
        System.out.printf("split %s (%s): train %,d rows, test %,d rows, %,d test users -> %s%n", split.splitId(),
                m.path("strategy").asText(), m.path("rows").path("train").asLong(), m.path("rows").path("test").asLong(),
                m.path("users").path("test").asLong(), out);
        return 0;
    }

    /** The split job, shared by split, demo and bench. */
    static final class SplitJob {
        private SplitJob() {
        }

        /** The given strategy's files: train and test, their separator, and the unrated marker (null = none). */
        record Given(String train, String test, char sep, Double unratedMarker) {
        }

        /** {@code given} is null for the computed strategies. */
        static SplitData run(SparkSession spark, CommonOptions common, String data, String strategyName, Double testRatio,
                             Double validationRatio, Given given, String itemsDir, String out) {
            var config = common.config();
            SplitStrategy strategy = SplitStrategy.parse(strategyName != null ? strategyName : config.split.strategy);
            double ratio = testRatio != null ? testRatio : config.split.testRatio;
            double vRatio = validationRatio != null ? validationRatio : config.split.validationRatio;
            long seed = config.seed;
            ObjectNode description = Json.object();
            description.put("strategy", strategy.label());
            ObjectNode params = description.putObject("params");
            description.put("seed", seed);
            Splitter.Split split;
            if (strategy == SplitStrategy.GIVEN) {
                if (given == null || given.train() == null || given.test() == null) {
                    throw new UserError("the given strategy needs --train FILE and --test FILE");
                }
                split = new Splitter.Split(readGiven(spark, given.train(), given), readGiven(spark, given.test(), given));
                ObjectNode source = description.putObject("source");
                source.put("train", given.train());
                source.put("test", given.test());
                if (given.unratedMarker() != null) {
                    params.put("unrated_marker", given.unratedMarker());
                }
            } else {
                if (given != null) {
                    throw new UserError("--train, --test and --unrated-marker are for the given strategy, not "
                            + strategy.label() + " (ingest --unrated-marker marks unrated rows of other data)");
                }
                if (data == null) {
                    throw new UserError("--data DIR is required for the " + strategy.label() + " strategy");
                }
                Dataset<Row> interactions = Datasets.readInteractions(spark, data, new ColumnMapping(config.columns));
                if (interactions.isEmpty()) {
                    throw new UserError(data + "/interactions: no rows");
                }
                split = Splitter.split(interactions, strategy, ratio, seed);
                params.put("test_ratio", ratio);
                ObjectNode source = description.putObject("source");
                source.put("data", data);
                source.put("data_fingerprint", Fingerprints.of(interactions));
            }
            String itemSource = itemsDir != null ? itemsDir : data;
            Dataset<Row> items = itemSource == null ? null : Datasets.readItemsOrNull(spark, itemSource);
            if (itemsDir != null && items == null) {
                throw new UserError(itemsDir + ": no items table (expected " + itemsDir + "/items)");
            }
            if (items != null) {
                ((ObjectNode) description.get("source")).put("items", HadoopFiles.child(itemSource, Columns.ITEMS_TABLE));
            }
            Splitter.Split validation = null;
            if (vRatio > 0) {
                SplitStrategy vStrategy = strategy == SplitStrategy.GIVEN ? SplitStrategy.RANDOM : strategy;
                validation = Splitter.split(split.train(), vStrategy, vRatio, seed + 1);
                params.put("validation_ratio", vRatio);
                params.put("validation_strategy", vStrategy.label());
            }
            return SplitData.write(spark, out, split, validation, items, description);
        }

        /**
         * Reads a given train/test file: a header naming user_id, item_id (or anime_id), rating, optional timestamp.
         * An empty rating, or the unrated marker, becomes a null rating (watched, not rated).
         */
        static Dataset<Row> readGiven(SparkSession spark, String file, Given given) {
            char sep = given.sep();
            List<String> header = headerOf(spark, file, sep);
            String item = header.contains("anime_id") ? "anime_id" : "item_id";
            String ts = header.contains("timestamp") ? "timestamp" : null;
            Ingest.Source source = new Ingest.Source(file, "UTF-8", InteractionLineParser.byName(sep, "user_id", item,
                    "rating", ts, new RatingRules(-Double.MAX_VALUE, Double.MAX_VALUE, given.unratedMarker(), true)));
            Dataset<Row> parsed = Ingest.parse(spark, source);
            Row bad = parsed.filter(parsed.col("reason").isNotNull()).select("line_no", "reason").limit(1)
                    .collectAsList().stream().findFirst().orElse(null);
            if (bad != null) {
                throw new UserError(file + ": line " + bad.getLong(0) + ": " + bad.getString(1));
            }
            if (given.unratedMarker() == null) {
                long minusOne = parsed.filter(parsed.col(Columns.RATING).equalTo(-1.0)).count();
                if (minusOne > 0) {
                    System.out.printf("note: %s: %,d rows have rating -1, kept as a rating; if -1 means watched, "
                            + "not rated (as in Kaggle's anime data), pass --unrated-marker -1%n", file, minusOne);
                }
            }
            return parsed.select(Arrays.stream(Columns.INTERACTIONS.fieldNames()).map(parsed::col)
                    .toArray(org.apache.spark.sql.Column[]::new));
        }

        private static List<String> headerOf(SparkSession spark, String file, char sep) {
            if (!animerec.util.HadoopFiles.exists(spark.sparkContext().hadoopConfiguration(), file)) {
                throw new UserError(file + ": file not found");
            }
            List<String> first = spark.read().textFile(file).limit(1).collectAsList();
            if (first.isEmpty()) {
                throw new UserError(file + ": file is empty");
            }
            return Arrays.stream(first.get(0).split(sep == '\t' ? "\t" : java.util.regex.Pattern.quote(String.valueOf(sep))))
                    .map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
        }
    }
}
