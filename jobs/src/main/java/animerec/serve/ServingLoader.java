package animerec.serve;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;

import animerec.artifact.ModelRegistry;
import animerec.data.Columns;
import animerec.data.Datasets;
import animerec.model.RecommenderModel;
import animerec.model.serving.Servable;
import animerec.model.serving.ServingModel;
import animerec.model.serving.SimilarServing;
import animerec.model.serving.SourcedServing;
import animerec.util.Progress;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Builds a {@link ServingState} with a Spark session (the models, their training tables and the item table are
 * read as the batch commands read them, then collected to memory); the caller stops the session afterwards, so no
 * request ever touches Spark.
 */
public final class ServingLoader {
    /** Extra similar-item sources built from the data folder (the content kinds' features), by kind. */
    public interface ContentSources {
        Map<String, SimilarSource> load(SparkSession spark, String data);
    }

    private ServingLoader() {
    }

    /**
     * @param refs   registry versions ({@code NAME} or {@code NAME@vX.Y})
     * @param named  whether the user named them: then one that cannot be served is an error, else it is skipped
     * @param data   the item table's folder, or null for the pipeline's data folder beside the first model's split
     */
    public static ServingState load(SparkSession spark, ModelRegistry registry, List<String> refs, boolean named, String data,
                                    ContentSources content) {
        long t0 = System.nanoTime();
        Map<String, Histories> tables = new HashMap<>();
        Map<String, ServedModel> models = new LinkedHashMap<>();
        String firstTrain = null;
        for (String ref : refs) {
            long t1 = System.nanoTime();
            JsonNode entry = registry.resolve(ref);
            String name = entry.path("name").asText();
            String version = entry.path("version").asText();
            RecommenderModel m = registry.load(spark, ref);
            if (!(m instanceof Servable servable)) {
                if (named) {
                    throw new UserError(name + "@" + version + " (" + m.family() + ") cannot be served from memory; "
                            + "leave it out of --model");
                }
                Progress.line("  serve: %s@%s (%s) cannot be served from memory: left out", name, version, m.family());
                continue;
            }
            String train = entry.path("train_path").asText(null);
            if (train == null) {
                throw new UserError(name + "@" + version + ": the registry does not say what it was trained on, so its "
                        + "users' histories are unknown");
            }
            firstTrain = firstTrain == null ? train : firstTrain;
            Histories h = tables.computeIfAbsent(train, t -> histories(spark, t));
            ServingModel served;
            try {
                served = servable.serving();
            } catch (UserError e) { // a hybrid with a component that cannot be served
                if (named) {
                    throw e;
                }
                Progress.line("  serve: %s@%s left out: %s", name, version, e.getMessage());
                continue;
            }
            models.put(name + "@" + version, new ServedModel(name, version, m.family(), served, h));
            Progress.line("  serve: %s@%s (%s) in memory in %.1f s", name, version, m.family(), Progress.seconds(t1));
        }
        if (models.isEmpty()) {
            throw new UserError("none of the registered models can be served from memory");
        }
        String dataDir = data != null ? data : beside(firstTrain);
        Catalogue catalogue = Catalogue.empty();
        Map<String, SimilarSource> similar = new LinkedHashMap<>();
        if (dataDir != null) {
            Dataset<Row> items = Datasets.readItemsOrNull(spark, dataDir);
            if (items != null) {
                catalogue = catalogue(items);
                if (content != null) {
                    similar.putAll(content.load(spark, dataDir));
                }
            }
        }
        if (catalogue.isEmpty()) {
            Progress.line("  serve: no items table%s: answers give ids without names, /items and content similarity are off",
                    dataDir == null ? "" : " in " + dataDir);
        }
        for (ServedModel m : models.values()) {
            if (m.model() instanceof SimilarServing s && !similar.containsKey("cf")) {
                similar.put("cf", new SimilarSource() {
                    @Override
                    public String kind() {
                        return "cf";
                    }

                    @Override
                    public String source() {
                        return m.key();
                    }

                    @Override
                    public java.util.List<animerec.model.serving.Scored> similar(long item, int k) {
                        return s.similar(item, k);
                    }
                });
            }
        }
        String first = named ? models.keySet().iterator().next()
                : models.values().stream().filter(m -> m.model() instanceof SourcedServing).map(ServedModel::key).findFirst()
                        .orElse(models.keySet().iterator().next());
        return new ServingState(models, first, catalogue, similar, Instant.now(), Progress.seconds(t0));
    }

    /** The pipeline's layout: ROOT/split/train beside ROOT/data. */
    private static String beside(String train) {
        if (train == null) {
            return null;
        }
        org.apache.hadoop.fs.Path split = new org.apache.hadoop.fs.Path(train).getParent();
        return split == null || split.getParent() == null ? null : new org.apache.hadoop.fs.Path(split.getParent(), "data").toString();
    }

    static Histories histories(SparkSession spark, String train) {
        Dataset<Row> t = Datasets.readTable(spark, train, Columns.INTERACTIONS).select(Columns.USER, Columns.ITEM);
        Map<Long, long[]> byUser = new HashMap<>();
        for (Row r : t.groupBy(Columns.USER).agg(collect_list(col(Columns.ITEM)).as("items")).collectAsList()) {
            byUser.put(r.getLong(0), r.<Long>getList(1).stream().mapToLong(Long::longValue).sorted().distinct().toArray());
        }
        long[] items = t.select(Columns.ITEM).distinct().collectAsList().stream().mapToLong(r -> r.getLong(0)).toArray();
        return new Histories(byUser, items);
    }

    static Catalogue catalogue(Dataset<Row> items) {
        List<Catalogue.Item> out = new ArrayList<>();
        for (Row r : items.select(Columns.ITEM, Columns.NAME, Columns.GENRES, Columns.TYPE, Columns.MEMBERS).collectAsList()) {
            List<String> genres = r.isNullAt(2) ? List.of() : r.<String>getList(2).stream().map(String::trim).toList();
            out.add(new Catalogue.Item(r.getLong(0), r.isNullAt(1) ? null : r.getString(1), genres,
                    r.isNullAt(3) ? null : r.getString(3), r.isNullAt(4) ? 0 : r.getLong(4)));
        }
        return new Catalogue(out);
    }
}
