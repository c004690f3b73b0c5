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
            "given (import --train and --test files as they are, e.g. ml-100k-split/train.tsv and test.tsv)."})
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

    @Option(names = "--items", paramLabel = "DIR",
            description = "given: a dataset folder whose items table is copied into the split (for content models)")
    String items;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "split folder to write")
    String out;

    @Override
    public Integer call() {
        SparkSession spark = common.spark("animerec split");
        SplitData split = SplitJob.run(spark, common, data, strategy, testRatio, validationRatio, trainFile, testFile,
                items, IngestCommand.separator(sep), out);
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

        static SplitData run(SparkSession spark, CommonOptions common, String data, String strategyName, Double testRatio,
                             Double validationRatio, String trainFile, String testFile, String itemsDir, char sep,
                             String out) {
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
                if (trainFile == null || testFile == null) {
                    throw new UserError("the given strategy needs --train FILE and --test FILE");
                }
                split = new Splitter.Split(readGiven(spark, trainFile, sep), readGiven(spark, testFile, sep));
                ObjectNode source = description.putObject("source");
                source.put("train", trainFile);
                source.put("test", testFile);
            } else {
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

        /** Reads a given train/test file: a header naming user_id, item_id (or anime_id), rating, optional timestamp. */
        static Dataset<Row> readGiven(SparkSession spark, String file, char sep) {
            List<String> header = headerOf(spark, file, sep);
            String item = header.contains("anime_id") ? "anime_id" : "item_id";
            String ts = header.contains("timestamp") ? "timestamp" : null;
            Ingest.Source source = new Ingest.Source(file, "UTF-8", InteractionLineParser.byName(sep, "user_id", item,
                    "rating", ts, new RatingRules(-Double.MAX_VALUE, Double.MAX_VALUE, null, true)));
            Dataset<Row> parsed = Ingest.parse(spark, source);
            Row bad = parsed.filter(parsed.col("reason").isNotNull()).select("line_no", "reason").limit(1)
                    .collectAsList().stream().findFirst().orElse(null);
            if (bad != null) {
                throw new UserError(file + ": line " + bad.getLong(0) + ": " + bad.getString(1));
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
