package animerec.model.content;

import animerec.util.BuildInfo;
import animerec.data.Columns;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Item features persisted beside a dataset: {@code DIR/features/<kind>/} holds {@code vectors} (Parquet
 * {@code anime_id, vector}), optionally {@code neighbours} (Parquet {@code anime_id, neighbour_id, rank,
 * similarity}), {@code vocabulary.json} (TF-IDF and genre terms, index order) and {@code manifest.json}
 * (kind, parameters, seed, dimension, vocabulary size, counts, the items table's fingerprint, code version).
 * A kind's folder is written under a temporary name and renamed into place, so readers never see half of one.
 */
public final class FeatureStore {
    private FeatureStore() {
    }

    /** What is stored for one kind; {@code neighbours} is null when none were computed. */
    public record Stored(Dataset<Row> vectors, Dataset<Row> neighbours, JsonNode manifest) {
        public int neighboursPerItem() {
            return manifest.path("neighbours_per_item").asInt(0);
        }

        public String itemsFingerprint() {
            return manifest.path("items_fingerprint").asText("");
        }
    }

    public static String dir(String dataDir, ContentKind kind) {
        return HadoopFiles.child(HadoopFiles.child(dataDir, "features"), kind.label());
    }

    /** Writes one kind's features (replacing what was there) and returns the manifest written. */
    public static ObjectNode write(SparkSession spark, String dataDir, ContentKind kind, ItemFeatures.Built built,
                                   Dataset<Row> neighbours, int neighboursPerItem, String itemsFingerprint) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String target = dir(dataDir, kind);
        String tmp = target + ".tmp-" + UUID.randomUUID();
        built.vectors().write().parquet(HadoopFiles.child(tmp, "vectors"));
        long neighbourRows = 0;
        if (neighbours != null) {
            neighbours.write().parquet(HadoopFiles.child(tmp, "neighbours"));
            neighbourRows = spark.read().parquet(HadoopFiles.child(tmp, "neighbours")).count();
        }
        if (!built.vocabulary().isEmpty()) {
            HadoopFiles.writeStringAtomically(conf, HadoopFiles.child(tmp, "vocabulary.json"), Json.write(
                    Json.MAPPER.valueToTree(built.vocabulary())));
        }
        ObjectNode m = built.info().deepCopy();
        m.put("items_fingerprint", itemsFingerprint);
        m.put("neighbours_per_item", neighbours == null ? 0 : neighboursPerItem);
        m.put("neighbour_rows", neighbourRows);
        m.put("code_version", BuildInfo.codeVersion());
        m.put("created", Instant.now().toString());
        HadoopFiles.writeStringAtomically(conf, HadoopFiles.child(tmp, "manifest.json"), Json.write(m));
        if (HadoopFiles.exists(conf, target)) {
            HadoopFiles.delete(conf, target);
        }
        HadoopFiles.rename(conf, tmp, target);
        return m;
    }

    /** The stored features of one kind, or null when there are none. */
    public static Stored read(SparkSession spark, String dataDir, ContentKind kind) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String d = dir(dataDir, kind);
        String manifestPath = HadoopFiles.child(d, "manifest.json");
        if (!HadoopFiles.exists(conf, manifestPath)) {
            return null;
        }
        JsonNode manifest;
        try {
            manifest = Json.MAPPER.readTree(HadoopFiles.readString(conf, manifestPath));
        } catch (IOException e) {
            throw new UserError(manifestPath + ": not valid JSON: " + e.getMessage(), e);
        }
        Dataset<Row> vectors = spark.read().parquet(HadoopFiles.child(d, "vectors")).select(Columns.ITEM, ItemFeatures.VECTOR);
        String nPath = HadoopFiles.child(d, "neighbours");
        Dataset<Row> neighbours = HadoopFiles.exists(conf, nPath) ? spark.read().parquet(nPath) : null;
        return new Stored(vectors, neighbours, manifest);
    }
}
