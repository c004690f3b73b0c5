package animerec.split;

import animerec.data.Columns;
import animerec.data.Datasets;
import animerec.data.Fingerprints;
import animerec.data.ingest.Ingest;
import animerec.data.ingest.InteractionLineParser;
import animerec.data.ingest.RatingRules;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The split job: draws (or imports) train and test, and a validation carve-out of train, and writes the split. */
public final class SplitJob {
    private SplitJob() {
    }

    /** The given strategy's files: train and test, their separator, and the unrated marker (null = none). */
    public record Given(String train, String test, char sep, Double unratedMarker) {
    }

    /** What to split: a dataset folder, or the given strategy's files; {@code items} (may be null) a dataset whose items table is copied. */
    public record Source(String data, Given given, String items) {
        public static Source dataset(String data) {
            return new Source(data, null, null);
        }
    }

    /** Refuses a source the strategy cannot use (before Spark starts). */
    public static void check(SplitSettings settings, Source source) {
        Given given = source.given();
        if (settings.strategy() == SplitStrategy.GIVEN) {
            if (given == null || given.train() == null || given.test() == null) {
                throw new UserError("the given strategy needs --train FILE and --test FILE");
            }
        } else {
            if (given != null) {
                throw new UserError("--train, --test and --unrated-marker are for the given strategy, not "
                        + settings.strategy().label() + " (ingest --unrated-marker marks unrated rows of other data)");
            }
            if (source.data() == null) {
                throw new UserError("--data DIR is required for the " + settings.strategy().label() + " strategy");
            }
        }
    }

    public static SplitData run(SparkSession spark, SplitSettings settings, Source input, String out) {
        check(settings, input);
        SplitStrategy strategy = settings.strategy();
        double ratio = settings.testRatio();
        double vRatio = settings.validationRatio();
        long seed = settings.seed();
        String data = input.data();
        Given given = input.given();
        String itemsDir = input.items();
        ObjectNode description = Json.object();
        description.put("strategy", strategy.label());
        ObjectNode params = description.putObject("params");
        description.put("seed", seed);
        Splitter.Split split;
        if (strategy == SplitStrategy.GIVEN) {
            split = new Splitter.Split(readGiven(spark, given.train(), given), readGiven(spark, given.test(), given));
            ObjectNode source = description.putObject("source");
            source.put("train", given.train());
            source.put("test", given.test());
            if (given.unratedMarker() != null) {
                params.put("unrated_marker", given.unratedMarker());
            }
        } else {
            Dataset<Row> interactions = Datasets.readInteractions(spark, data, settings.columns());
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
        Ingest.Source source = new Ingest.Source(file, "UTF-8", givenParser(header, given));
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

    /** The parser of a given file whose header names are {@code header} (lower case). */
    private static InteractionLineParser givenParser(List<String> header, Given given) {
        String item = header.contains("anime_id") ? "anime_id" : "item_id";
        String ts = header.contains("timestamp") ? "timestamp" : null;
        return InteractionLineParser.byName(given.sep(), "user_id", item, "rating", ts,
                new RatingRules(-Double.MAX_VALUE, Double.MAX_VALUE, given.unratedMarker(), true));
    }

    /**
     * Checks a given file on the local file system line by line, as {@link #readGiven} will, before Spark starts:
     * the first bad line is a {@link UserError} "FILE: line N: reason" (its header, field count, ids, rating).
     */
    public static void checkLocalGiven(String file, java.nio.file.Path local, Given given) {
        try (java.io.BufferedReader in = java.nio.file.Files.newBufferedReader(local, java.nio.charset.StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null) {
                throw new UserError(file + ": file is empty");
            }
            List<String> header = splitHeader(first, given.sep());
            InteractionLineParser parser = givenParser(header, given);
            parser.checkHeader(file, first);
            long lineNo = 1;
            boolean rows = false;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                Row r = parser.parse(line, lineNo);
                String reason = r.getString(r.size() - 1);
                if (reason != null) {
                    throw new UserError(file + ": line " + lineNo + ": " + reason);
                }
                rows = true;
            }
            if (!rows) {
                throw new UserError(file + ": file has a header but no rows");
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new UserError(file + ": not UTF-8 text (a binary file?)");
        } catch (java.io.IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static List<String> splitHeader(String line, char sep) {
        return Arrays.stream(line.split(sep == '\t' ? "\t" : java.util.regex.Pattern.quote(String.valueOf(sep))))
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
    }

    private static List<String> headerOf(SparkSession spark, String file, char sep) {
        if (!animerec.util.HadoopFiles.exists(spark.sparkContext().hadoopConfiguration(), file)) {
            throw new UserError(file + ": file not found");
        }
        List<String> first = spark.read().textFile(file).limit(1).collectAsList();
        if (first.isEmpty()) {
            throw new UserError(file + ": file is empty");
        }
        return splitHeader(first.get(0), sep);
    }
}
