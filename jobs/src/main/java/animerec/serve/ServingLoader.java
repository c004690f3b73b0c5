package animerec.serve;

import static animerec.util.ParquetRows.Kind.LONG;

import animerec.artifact.ModelRegistry;
import animerec.catalog.ModelCatalog;
import animerec.data.Columns;
import animerec.data.ItemInfo;
import animerec.model.ParamMap;
import animerec.model.Recommender;
import animerec.model.content.ContentKind;
import animerec.model.content.FeatureSimilarity;
import animerec.model.serving.SavedModel;
import animerec.model.serving.Servable;
import animerec.model.serving.ServingModel;
import animerec.model.serving.SimilarServing;
import animerec.model.serving.SourcedServing;
import animerec.util.FileAccess;
import animerec.util.HadoopFiles;
import animerec.util.ParquetRows;
import animerec.util.Progress;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds a {@link ServingState} without Spark: each registry version is read by its family ({@link Servable}) from
 * its saved Parquet tables and JSON files, its training table and the item table likewise ({@link ParquetRows}), and
 * similar-item sources are the stored content features of the data folder plus item-knn's neighbour lists. Nothing
 * starts a Spark session, so this takes seconds, and the same code reloads.
 */
public final class ServingLoader {
    private ServingLoader() {
    }

    /**
     * @param refs   registry versions ({@code NAME} or {@code NAME@vX.Y})
     * @param named  whether the user named them: then one whose family cannot be served is an error, else it is
     *               skipped; one that can be served but not loaded (a missing or corrupt file) is an error naming it
     *               either way
     * @param data   the item table's folder, or null for the pipeline's data folder beside the first model's split
     */
    public static ServingState load(ModelRegistry registry, FileAccess files, List<String> refs, boolean named, String data) {
        long t0 = System.nanoTime();
        List<Plan> plans = new ArrayList<>();
        for (String ref : refs) {
            Plan p = plan(registry, files, ref, named);
            if (p != null) {
                plans.add(p);
            }
        }
        if (plans.isEmpty()) {
            throw new UserError("none of the registered models can be served from memory");
        }
        String dataDir = data != null ? data : beside(plans.get(0).train());
        // every table is read by a task of its own, on as many threads as there are cores
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<ServingModel>> served = new ArrayList<>();
            for (Plan p : plans) {
                served.add(pool.submit(() -> {
                    long t1 = System.nanoTime();
                    ServingModel m = p.servable().serving(p.saved(), p.params());
                    Progress.line("  serve: %s@%s (%s) in memory in %.1f s", p.name(), p.version(), p.family(), Progress.seconds(t1));
                    return m;
                }));
            }
            Map<String, Future<Histories>> tables = new HashMap<>();
            for (Plan p : plans) {
                tables.computeIfAbsent(p.train(), t -> pool.submit(() -> {
                    long t1 = System.nanoTime();
                    Histories h = histories(files, t);
                    Progress.line("  serve: %,d users' histories from %s in %.1f s", h.users(), t, Progress.seconds(t1));
                    return h;
                }));
            }
            Future<List<ItemInfo>> items = pool.submit(() -> dataDir == null ? null : ItemInfo.readOrNull(files, dataDir));
            Map<ContentKind, Future<FeatureSimilarity>> content = new LinkedHashMap<>();
            for (ContentKind kind : ContentKind.values()) {
                content.put(kind, pool.submit(() -> dataDir == null ? null : contentSource(files, dataDir, kind)));
            }

            Map<String, ServedModel> models = new LinkedHashMap<>();
            for (int i = 0; i < plans.size(); i++) {
                Plan p = plans.get(i);
                ServingModel m;
                Histories h;
                try {
                    m = get(served.get(i));
                    h = get(tables.get(p.train()));
                } catch (Servable.NotServable e) { // a hybrid with a component that cannot be served
                    if (named) {
                        throw e;
                    }
                    Progress.line("  serve: %s@%s left out: %s", p.name(), p.version(), e.getMessage());
                    continue;
                } catch (UserError e) { // a missing or corrupt file: never a silent change of the models (or the default)
                    throw new UserError(p.name() + "@" + p.version() + " (" + p.family() + ") cannot be loaded: "
                            + e.getMessage(), e);
                }
                models.put(p.name() + "@" + p.version(), new ServedModel(p.name(), p.version(), p.family(), m, h));
            }
            if (models.isEmpty()) {
                throw new UserError("none of the registered models can be served from memory");
            }
            Catalogue catalogue = Catalogue.empty();
            Map<String, SimilarSource> similar = new LinkedHashMap<>();
            List<ItemInfo> table = get(items);
            if (table != null) {
                catalogue = catalogue(table);
                for (Map.Entry<ContentKind, Future<FeatureSimilarity>> e : content.entrySet()) {
                    FeatureSimilarity f = get(e.getValue());
                    if (f != null) {
                        String label = e.getKey().label();
                        similar.put(label, new SimilarSource.Of(label, label + " features of " + dataDir, f::similar));
                    }
                }
            }
            if (catalogue.isEmpty()) {
                Progress.line("  serve: no items table%s: answers give ids without names, /items and content similarity are off",
                        dataDir == null ? "" : " in " + dataDir);
            }
            return state(models, named, catalogue, similar, t0);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One registry version ({@code NAME} or {@code NAME@vX.Y}) in memory with its training table, or null when its
     * family cannot export from memory ({@link Servable#exportsFromMemory}); a missing or corrupt file is an error
     * naming it.
     */
    public static ServedModel exportable(ModelRegistry registry, FileAccess files, String ref) {
        JsonNode entry = registry.resolve(ref);
        if (!(ModelCatalog.get(entry.path("family").asText()) instanceof Servable s) || !s.exportsFromMemory()
                || entry.path("train_path").isMissingNode() || entry.path("train_path").isNull()) {
            return null;
        }
        Plan p = plan(registry, files, ref, true);
        try {
            return new ServedModel(p.name(), p.version(), p.family(), p.servable().serving(p.saved(), p.params()),
                    histories(files, p.train()));
        } catch (Servable.NotServable e) {
            return null;
        } catch (UserError e) {
            throw new UserError(p.name() + "@" + p.version() + " (" + p.family() + ") cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** One registry version to load: what it is, where it is saved and what it was trained on. */
    private record Plan(String name, String version, String family, Servable servable, SavedModel saved, ParamMap params,
                        String train) {
    }

    /** The plan for {@code ref}, or null when its family cannot be served and it was not named. */
    private static Plan plan(ModelRegistry registry, FileAccess files, String ref, boolean named) {
        JsonNode entry = registry.resolve(ref);
        String name = entry.path("name").asText();
        String version = entry.path("version").asText();
        String familyName = entry.path("family").asText();
        Recommender family = ModelCatalog.get(familyName);
        if (!(family instanceof Servable servable)) {
            if (named) {
                throw new UserError(name + "@" + version + " (" + familyName + ") cannot be served from memory; "
                        + "leave it out of --model");
            }
            Progress.line("  serve: %s@%s (%s) cannot be served from memory: left out", name, version, familyName);
            return null;
        }
        String train = entry.path("train_path").asText(null);
        if (train == null) {
            throw new UserError(name + "@" + version + ": the registry does not say what it was trained on, so its "
                    + "users' histories are unknown");
        }
        Map<String, String> raw = new LinkedHashMap<>();
        entry.path("params").properties().forEach(e -> raw.put(e.getKey(), e.getValue().asText()));
        return new Plan(name, version, familyName, servable,
                new SavedModel(files, HadoopFiles.child(registry.folder(entry), "data")), family.params(raw), train);
    }

    /** A task's result; its {@link UserError} (or other failure) thrown as it was. */
    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static ServingState state(Map<String, ServedModel> models, boolean named, Catalogue catalogue,
                                      Map<String, SimilarSource> similar, long t0) {
        for (ServedModel m : models.values()) {
            if (m.model() instanceof SimilarServing s && !similar.containsKey("cf")) {
                similar.put("cf", new SimilarSource.Of("cf", m.key(), s::similar));
            }
        }
        String first = named ? models.keySet().iterator().next()
                : models.values().stream().filter(m -> m.model() instanceof SourcedServing).map(ServedModel::key).findFirst()
                        .orElse(models.keySet().iterator().next());
        return new ServingState(models, first, catalogue, similar, Instant.now(), Progress.seconds(t0));
    }

    /**
     * Similar items by one content kind when the data folder stores its features, with the franchise diversity
     * {@code animerec similar} uses by default; null when it stores none, or (with a line saying so) when they are
     * stale (built from another items table, {@link FeatureSimilarity#stale}).
     */
    static FeatureSimilarity contentSource(FileAccess files, String data, ContentKind kind) {
        long t = System.nanoTime();
        if (!files.exists(HadoopFiles.child(data, Columns.ITEMS_TABLE))) {
            return null;
        }
        FeatureSimilarity f = FeatureSimilarity.read(files, data, kind);
        if (f == null) {
            return null;
        }
        if (f.stale()) {
            Progress.line("  serve: the %s features of %s were built from another items table: left out "
                    + "(run `animerec features --data %s --models %s`)", kind.label(), data, data, kind.label());
            return null;
        }
        Progress.line("  serve: %s similar items in memory in %.1f s", kind.label(), Progress.seconds(t));
        return f;
    }

    /** The pipeline's layout: ROOT/split/train beside ROOT/data. */
    private static String beside(String train) {
        if (train == null) {
            return null;
        }
        org.apache.hadoop.fs.Path split = new org.apache.hadoop.fs.Path(train).getParent();
        return split == null || split.getParent() == null ? null : new org.apache.hadoop.fs.Path(split.getParent(), "data").toString();
    }

    /** A growable list of longs. */
    private static final class Longs {
        long[] values = new long[8];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] sortedDistinct() {
            long[] v = Arrays.copyOf(values, size);
            Arrays.sort(v);
            int n = 0;
            for (int i = 0; i < v.length; i++) {
                if (i == 0 || v[i] != v[i - 1]) {
                    v[n++] = v[i];
                }
            }
            return Arrays.copyOf(v, n);
        }
    }

    /** A training (or seen) table's histories, read without Spark. */
    public static Histories histories(FileAccess files, String train) {
        Map<Long, Longs> byUser = new HashMap<>();
        Longs all = new Longs();
        ParquetRows.read(files, train, List.of(LONG.of(Columns.USER), LONG.of(Columns.ITEM)), r -> {
            byUser.computeIfAbsent(r.getLong(0), u -> new Longs()).add(r.getLong(1));
            all.add(r.getLong(1));
        });
        Map<Long, long[]> out = new HashMap<>(byUser.size() * 2);
        byUser.forEach((u, l) -> out.put(u, l.sortedDistinct()));
        return new Histories(out, all.sortedDistinct());
    }

    static Catalogue catalogue(List<ItemInfo> items) {
        List<Catalogue.Item> out = new ArrayList<>();
        for (ItemInfo i : items) {
            out.add(new Catalogue.Item(i.id(), i.name(), i.genres().stream().map(String::trim).toList(), i.type(), i.members()));
        }
        return new Catalogue(out);
    }
}
