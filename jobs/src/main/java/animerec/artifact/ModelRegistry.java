package animerec.artifact;

import animerec.catalog.ModelCatalog;
import animerec.model.ParamMap;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.util.BuildInfo;
import animerec.util.FileAccess;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The model registry under an artifact root (any Hadoop file system path):
 * <pre>
 *   ROOT/manifest.json                       every version: params, seed, data fingerprint, split id, metrics,
 *                                           git commit, code version, created time
 *   ROOT/models/NAME/vMAJOR.MINOR/metadata.json
 *   ROOT/models/NAME/vMAJOR.MINOR/data/      the model's own files
 * </pre>
 * Paths in the manifest are relative to the root ({@code models/NAME/vX.Y}, manifest format 2), so a root copied with
 * {@code cp -r}, moved, or put on HDFS still loads. A version's folder is found by that layout under the current root;
 * older manifests (format 1) recorded absolute paths, which are only a fallback, and the first write upgrades them.
 *
 * <p>A version is written under a hidden temporary folder and renamed into place only when complete; the
 * manifest is then replaced atomically (temporary file + rename), so a crash at any point leaves the old or
 * the new manifest, both valid JSON, and never lists a version whose folder is incomplete.
 *
 * <p>Versions: the first fit of a name is v1.0; a refit with the same parameters bumps the minor version,
 * a fit with different parameters the major version.
 *
 * <p>Concurrent writers (two pipelines, a {@code train} beside a pipeline) are serialised by
 * {@code ROOT/manifest.lock} ({@link RootLock}), held only while a version number is chosen, the finished folder
 * renamed into place and the manifest replaced: each gets its own version and the manifest lists both.
 */
public final class ModelRegistry {
    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.(\\d+)");
    /** How long a writer waits for another's manifest update (seconds in practice) before giving up. */
    private static final java.time.Duration LOCK_TIMEOUT = java.time.Duration.ofMinutes(10);
    /** The manifest format: 2 stores every version's path relative to the root, 1 stored it as written. */
    public static final int FORMAT = 2;
    private final FileAccess files;
    private final String root;

    public ModelRegistry(Configuration conf, String root) {
        this(FileAccess.hadoop(conf), root);
    }

    /** A registry read through {@code files} (light commands read a local manifest without Hadoop). */
    public ModelRegistry(FileAccess files, String root) {
        this.files = files;
        this.root = root;
    }

    private Configuration conf() {
        return files.configuration();
    }

    public String root() {
        return root;
    }

    public String manifestPath() {
        return HadoopFiles.child(root, "manifest.json");
    }

    /** The manifest, or an empty one when the root has none yet. */
    public ObjectNode manifest() {
        String path = manifestPath();
        if (!files.exists(path)) {
            ObjectNode empty = Json.object();
            empty.put("format", FORMAT);
            empty.putArray("models");
            return empty;
        }
        try {
            return (ObjectNode) Json.MAPPER.readTree(files.readString(path));
        } catch (IOException | ClassCastException e) {
            throw new UserError(path + ": not a valid manifest: " + e.getMessage(), e);
        }
    }

    public List<JsonNode> list() {
        List<JsonNode> out = new ArrayList<>();
        manifest().withArray("models").forEach(out::add);
        return out;
    }

    /**
     * Writes a new version of {@code name}: {@code writer} receives the folder for the model's data.
     *
     * @return the manifest entry of the new version
     */
    public ObjectNode register(String name, String family, ParamMap params, Provenance provenance,
                               Consumer<String> writer) {
        String modelDir = HadoopFiles.child(HadoopFiles.child(root, "models"), name);
        String tmp = HadoopFiles.child(modelDir, ".tmp-" + UUID.randomUUID());
        ObjectNode entry = Json.object();
        entry.put("name", name);
        entry.put("version", "");
        entry.put("family", family);
        entry.put("path", "");
        ObjectNode p = entry.putObject("params");
        params.asStrings().forEach(p::put);
        entry.put("params_hash", params.hash());
        entry.put("seed", provenance.seed());
        entry.put("data_fingerprint", provenance.dataFingerprint());
        entry.put("split_id", provenance.splitId());
        entry.put("train_path", provenance.trainPath());
        entry.put("fit_seconds", provenance.fitSeconds());
        entry.put("git_commit", BuildInfo.gitCommit());
        entry.put("code_version", BuildInfo.codeVersion());
        entry.put("created", Instant.now().toString());
        if (provenance.config() != null) {
            entry.set("config", provenance.config());
        }
        entry.putObject("metrics");
        try {
            writer.accept(HadoopFiles.child(tmp, "data"));
            // the version is chosen, the folder moved into place and the manifest replaced under the root's
            // manifest lock: concurrent writers get distinct versions and no manifest update is lost
            try (RootLock lock = RootLock.await(conf(), root, RootLock.MANIFEST, LOCK_TIMEOUT)) {
                String version = nextVersion(name, params.hash());
                String finalDir = HadoopFiles.child(modelDir, version);
                entry.put("version", version);
                entry.put("path", layoutPath(name, version));
                HadoopFiles.writeStringAtomically(conf(), HadoopFiles.child(tmp, "metadata.json"), Json.write(entry));
                HadoopFiles.rename(conf(), tmp, finalDir);
                ObjectNode manifest = manifest();
                manifest.withArray("models").add(entry);
                write(manifest);
            }
        } catch (RuntimeException e) {
            if (HadoopFiles.exists(conf(), tmp)) {
                HadoopFiles.delete(conf(), tmp);
            }
            throw e;
        }
        return entry;
    }

    /** Adds metrics to a version's manifest entry (replacing metrics of the same keys). */
    public void recordMetrics(String name, String version, Map<String, Double> metrics) {
        try (RootLock lock = RootLock.await(conf(), root, RootLock.MANIFEST, LOCK_TIMEOUT)) {
            ObjectNode manifest = manifest();
            ObjectNode entry = find(manifest, name, version);
            ObjectNode m = entry.withObjectProperty("metrics");
            metrics.forEach(m::put);
            write(manifest);
        }
    }

    /** Replaces the manifest (under the lock), in the current format: every path relative to the root. */
    private void write(ObjectNode manifest) {
        manifest.put("format", FORMAT);
        for (JsonNode e : manifest.withArray("models")) {
            // every version was written at this layout under its root, whatever path a format-1 manifest recorded
            ((ObjectNode) e).put("path", layoutPath(e.path("name").asText(), e.path("version").asText()));
        }
        HadoopFiles.writeStringAtomically(conf(), manifestPath(), Json.write(manifest));
    }

    /** Where a version lives, relative to the root: {@code models/NAME/vX.Y}. */
    private static String layoutPath(String name, String version) {
        return "models/" + name + "/" + version;
    }

    /**
     * The folder of a manifest entry's version: {@code ROOT/models/NAME/vX.Y} (where every version is written, so a
     * copied or moved root finds its own), else the path the entry records (a format-1 manifest's absolute path, or
     * a relative one under the root), else a {@link UserError} naming the expected folder.
     */
    public String folder(JsonNode entry) {
        String name = entry.path("name").asText();
        String version = entry.path("version").asText();
        String layout = HadoopFiles.child(root, layoutPath(name, version));
        if (files.exists(layout)) {
            return layout;
        }
        String recorded = entry.path("path").asText("");
        if (!recorded.isEmpty()) {
            Path p = new Path(recorded);
            String candidate = p.isAbsolute() || p.toUri().getScheme() != null ? recorded : HadoopFiles.child(root, recorded);
            if (files.exists(candidate)) {
                return candidate;
            }
        }
        throw new UserError(name + " " + version + ": its folder is missing: expected " + layout
                + (recorded.isEmpty() || recorded.equals(layoutPath(name, version)) ? "" : " (the manifest records " + recorded + ")"));
    }

    /** The entry for {@code NAME} (latest version) or {@code NAME@vX.Y} / {@code NAME@X.Y}. */
    public ObjectNode resolve(String nameAtVersion) {
        String name = nameAtVersion;
        String version = null;
        int at = nameAtVersion.indexOf('@');
        if (at >= 0) {
            name = nameAtVersion.substring(0, at);
            version = nameAtVersion.substring(at + 1);
            if (!version.startsWith("v")) {
                version = "v" + version;
            }
        }
        return find(manifest(), name, version);
    }

    /** Loads a registered model. */
    public RecommenderModel load(SparkSession spark, String nameAtVersion) {
        ObjectNode entry = resolve(nameAtVersion);
        Recommender family = ModelCatalog.get(entry.path("family").asText());
        Map<String, String> raw = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : entry.path("params").properties()) {
            raw.put(e.getKey(), e.getValue().asText());
        }
        ParamMap params = family.params(raw);
        return family.load(spark, HadoopFiles.child(folder(entry), "data"), params);
    }

    private ObjectNode find(ObjectNode manifest, String name, String version) {
        ObjectNode best = null;
        for (JsonNode e : manifest.withArray("models")) {
            if (!e.path("name").asText().equals(name)) {
                continue;
            }
            if (version != null) {
                if (e.path("version").asText().equals(version)) {
                    return (ObjectNode) e;
                }
            } else if (best == null || compare(e.path("version").asText(), best.path("version").asText()) > 0) {
                best = (ObjectNode) e;
            }
        }
        if (best == null) {
            throw new UserError("no model " + name + (version == null ? "" : "@" + version) + " in " + manifestPath()
                    + " (train one with `animerec train --model " + name + "`; `animerec models list` shows what exists)");
        }
        return best;
    }

    private String nextVersion(String name, String paramsHash) {
        int[] latest = null;
        String latestHash = null;
        ArrayNode models = manifest().withArray("models");
        for (JsonNode e : models) {
            if (e.path("name").asText().equals(name)) {
                int[] v = parse(e.path("version").asText());
                if (latest == null || compare(v, latest) > 0) {
                    latest = v;
                    latestHash = e.path("params_hash").asText();
                }
            }
        }
        int[] onDisk = latestOnDisk(name);
        int major;
        int minor;
        if (latest == null) {
            major = 1;
            minor = 0;
        } else if (paramsHash.equals(latestHash)) {
            major = latest[0];
            minor = latest[1] + 1;
        } else {
            major = latest[0] + 1;
            minor = 0;
        }
        // a folder left by a run that crashed before its manifest update must not be overwritten
        while (onDisk != null && compare(new int[] {major, minor}, onDisk) <= 0) {
            minor++;
        }
        return "v" + major + "." + minor;
    }

    private int[] latestOnDisk(String name) {
        Path dir = new Path(HadoopFiles.child(HadoopFiles.child(root, "models"), name));
        try {
            FileSystem fs = dir.getFileSystem(conf());
            if (!fs.exists(dir)) {
                return null;
            }
            int[] best = null;
            for (FileStatus s : fs.listStatus(dir)) {
                Matcher m = VERSION.matcher(s.getPath().getName());
                if (s.isDirectory() && m.matches()) {
                    int[] v = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
                    if (best == null || compare(v, best) > 0) {
                        best = v;
                    }
                }
            }
            return best;
        } catch (IOException e) {
            throw new UserError("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static int[] parse(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.matches()) {
            return new int[] {0, 0};
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    private static int compare(String a, String b) {
        return compare(parse(a), parse(b));
    }

    private static int compare(int[] a, int[] b) {
        return a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]);
    }
}
