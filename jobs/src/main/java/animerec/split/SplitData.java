package animerec.split;

import animerec.data.Columns;
import animerec.data.Datasets;
import animerec.data.Fingerprints;
import animerec.data.ItemText;
import animerec.model.FitCache;
import animerec.model.TrainingData;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A split folder: Parquet {@code train} and {@code test}, optionally {@code validation/train} and
 * {@code validation/test} (a carve-out of train for tuning), optionally {@code items} (the dataset's item
 * metadata, copied so that content models can fit on the split alone), and {@code split.json} (strategy,
 * params, seed, row counts, content fingerprint and the split id derived from it).
 */
public record SplitData(Dataset<Row> train, Dataset<Row> test, Dataset<Row> validationTrain,
                        Dataset<Row> validationTest, Dataset<Row> items, JsonNode manifest, FitCache fits) {

    /**
     * A loaded split with an empty {@link FitCache} of its own: the hybrids fitted on it (train, or the validation
     * carve-out) share their component fits through it for as long as the caller keeps this object, and the caller
     * clears it ({@code fits().clear()}) when it frees cached data.
     */
    public SplitData(Dataset<Row> train, Dataset<Row> test, Dataset<Row> validationTrain, Dataset<Row> validationTest,
                     Dataset<Row> items, JsonNode manifest) {
        this(train, test, validationTrain, validationTest, items, manifest, new FitCache());
    }

    /** What models fit on: train plus the items, when the split has them. */
    public TrainingData trainingData() {
        return new TrainingData(train, items, fits);
    }

    /** The validation carve-out's train set plus the items (null without a carve-out). */
    public TrainingData validationTrainingData() {
        return validationTrain == null ? null : new TrainingData(validationTrain, items, fits);
    }

    public String splitId() {
        return manifest.path("split_id").asText();
    }

    public String fingerprint() {
        return manifest.path("fingerprint").asText();
    }

    /**
     * The validation carve-out as a split of its own (train = the carve-out's train, test = its held-out part), with
     * the manifest's split id prefixed {@code val-} and its row and user counts; for choosing settings.
     */
    public SplitData asValidation() {
        if (validationTrain == null) {
            throw new animerec.util.UserError("split " + splitId() + " has no validation carve-out");
        }
        com.fasterxml.jackson.databind.node.ObjectNode m = ((com.fasterxml.jackson.databind.node.ObjectNode) manifest).deepCopy();
        m.put("split_id", "val-" + splitId());
        m.putObject("rows").put("train", validationTrain.count()).put("test", validationTest.count());
        m.putObject("users").put("test", validationTest.select(animerec.data.Columns.USER).distinct().count());
        return new SplitData(validationTrain, validationTest, null, null, items, m, fits);
    }

    public static SplitData load(SparkSession spark, String dir) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String manifestPath = HadoopFiles.child(dir, "split.json");
        if (!HadoopFiles.exists(conf, manifestPath)) {
            throw new UserError(dir + ": not a split folder (no split.json); create one with `animerec split`");
        }
        JsonNode manifest;
        try {
            manifest = Json.MAPPER.readTree(HadoopFiles.readString(conf, manifestPath));
        } catch (java.io.IOException e) {
            throw new UserError(manifestPath + ": not valid JSON: " + e.getMessage(), e);
        }
        Dataset<Row> train = Datasets.readTable(spark, HadoopFiles.child(dir, "train"), Columns.INTERACTIONS);
        Dataset<Row> test = Datasets.readTable(spark, HadoopFiles.child(dir, "test"), Columns.INTERACTIONS);
        Dataset<Row> vTrain = null;
        Dataset<Row> vTest = null;
        if (manifest.path("rows").has("validation_train")) {
            vTrain = Datasets.readTable(spark, HadoopFiles.child(dir, "validation/train"), Columns.INTERACTIONS);
            vTest = Datasets.readTable(spark, HadoopFiles.child(dir, "validation/test"), Columns.INTERACTIONS);
        }
        Dataset<Row> items = null;
        if (manifest.path("rows").has("items")) {
            items = ItemText.decoded(
                    Datasets.readTable(spark, HadoopFiles.child(dir, Columns.ITEMS_TABLE), Columns.ITEMS));
        }
        return new SplitData(train, test, vTrain, vTest, items, manifest);
    }

    /**
     * Writes a split to {@code dir} (replacing any split there) through a temporary folder renamed into place,
     * and returns it as loaded back. {@code validation} and {@code items} may be null.
     *
     * @param description strategy, params, seed and source, copied into split.json
     */
    public static SplitData write(SparkSession spark, String dir, Splitter.Split split, Splitter.Split validation,
                                  Dataset<Row> items, ObjectNode description) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String tmp = dir + ".tmp-" + UUID.randomUUID();
        Datasets.writeTable(split.train(), HadoopFiles.child(tmp, "train"));
        Datasets.writeTable(split.test(), HadoopFiles.child(tmp, "test"));
        if (validation != null) {
            Datasets.writeTable(validation.train(), HadoopFiles.child(tmp, "validation/train"));
            Datasets.writeTable(validation.test(), HadoopFiles.child(tmp, "validation/test"));
        }
        if (items != null) {
            Datasets.writeTable(items, HadoopFiles.child(tmp, Columns.ITEMS_TABLE));
        }
        Dataset<Row> train = Datasets.readTable(spark, HadoopFiles.child(tmp, "train"), Columns.INTERACTIONS);
        Dataset<Row> test = Datasets.readTable(spark, HadoopFiles.child(tmp, "test"), Columns.INTERACTIONS);
        Fingerprints.Summary testSummary = Fingerprints.summary(test); // rows and fingerprint in one job
        if (testSummary.rows() == 0) {
            HadoopFiles.delete(conf, tmp);
            throw new UserError("the split has an empty test set: every user has a single interaction?");
        }
        Fingerprints.Summary trainSummary = Fingerprints.summary(train);
        ObjectNode m = description.deepCopy();
        ObjectNode rows = m.putObject("rows");
        rows.put("train", trainSummary.rows());
        rows.put("test", testSummary.rows());
        ObjectNode users = m.putObject("users");
        users.put("train", train.select(Columns.USER).distinct().count());
        users.put("test", test.select(Columns.USER).distinct().count());
        String fpTrain = trainSummary.fingerprint();
        String fpTest = testSummary.fingerprint();
        if (validation != null) {
            rows.put("validation_train", spark.read().parquet(HadoopFiles.child(tmp, "validation/train")).count());
            rows.put("validation_test", spark.read().parquet(HadoopFiles.child(tmp, "validation/test")).count());
        }
        if (items != null) {
            Fingerprints.Summary written = Fingerprints.summary(spark.read().parquet(HadoopFiles.child(tmp, Columns.ITEMS_TABLE)));
            rows.put("items", written.rows());
            m.put("items_fingerprint", written.fingerprint());
        }
        m.set("stats", animerec.data.DatasetStats.of(train.union(test)));
        String fingerprint = Fingerprints.sha256(fpTrain + "/" + fpTest).substring(0, 16);
        m.put("fingerprint", fingerprint);
        m.put("split_id", "split-" + fingerprint.substring(0, 10));
        m.put("train_fingerprint", fpTrain);
        m.put("test_fingerprint", fpTest);
        HadoopFiles.writeStringAtomically(conf, HadoopFiles.child(tmp, "split.json"), Json.write(m));
        if (HadoopFiles.exists(conf, dir)) {
            HadoopFiles.delete(conf, dir);
        }
        HadoopFiles.rename(conf, tmp, dir);
        return load(spark, dir);
    }
}
