package animerec.config;

import animerec.util.UserError;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The job configuration ({@code conf/animerec.yaml} documents every field). The command line reads it and
 * passes typed values to library code; no library class reads files on its own. Unknown keys and
 * wrongly-typed values are errors naming the key's path.
 */
public final class AnimerecConfig {
    /** Seed for every random choice (splits, models). */
    @JsonProperty("seed")
    public long seed = 42;

    @JsonProperty("paths")
    public Paths paths = new Paths();

    /** Contract column name → name in the stored dataset (identity when absent). */
    @JsonProperty("columns")
    public Map<String, String> columns = new LinkedHashMap<>();

    @JsonProperty("split")
    public Split split = new Split();

    @JsonProperty("evaluation")
    public Evaluation evaluation = new Evaluation();

    /** Model name → parameter overrides (strings, validated by the model). */
    /** The tuning study these settings came from ({@code best_params.yaml} sets it); recorded in provenance. */
    @JsonProperty("study")
    public String study = null;

    @JsonProperty("models")
    public Map<String, Map<String, String>> models = new LinkedHashMap<>();

    /** Extra Spark settings. */
    @JsonProperty("spark")
    public Map<String, String> spark = new LinkedHashMap<>();

    /** Where artifacts and experiment records go. */
    public static final class Paths {
        @JsonProperty("artifacts")
        public String artifacts = "artifacts";
        @JsonProperty("experiments")
        public String experiments = "experiments";
    }

    /** What {@code animerec pipeline} runs (ignored by the other commands). */
    @JsonProperty("pipeline")
    public Pipeline pipeline = new Pipeline();

    /** The pipeline's steps: data, split, features, train (each model), hybrids, tune (optional), report. */
    public static final class Pipeline {
        /** Step outputs (data/, split/), the run state and the lock. */
        @JsonProperty("root")
        public String root = "work/pipeline";
        @JsonProperty("data")
        public Data data = new Data();
        /** Content feature kinds to build: genre, tfidf, embedding. */
        @JsonProperty("features")
        public List<String> features = new ArrayList<>();
        /**
         * Neighbours kept per item with the stored features: {@code similar} and {@code serve} answer a list of k from
         * them when they keep its candidate pool (5 k at the default diversity), else score the vectors per query.
         */
        @JsonProperty("neighbours")
        public int neighbours = 20;
        /** Models to train and evaluate, in order (parameters from models.<name>). */
        @JsonProperty("train")
        public List<String> train = new ArrayList<>(List.of("popularity", "item-knn", "als"));
        /** Hybrids to train and evaluate after the models (their components are fitted inside). */
        @JsonProperty("hybrids")
        public List<String> hybrids = new ArrayList<>();
        /** Optional tuning studies, one step each, on the split's validation carve-out. */
        @JsonProperty("tune")
        public List<Tune> tune = new ArrayList<>();
    }

    /** One tuning study of the pipeline: as `animerec tune --model M --trials N --sampler S --pruner P --space F`. */
    public static final class Tune {
        @JsonProperty("model")
        public String model;
        @JsonProperty("trials")
        public int trials = 30;
        @JsonProperty("sampler")
        public String sampler = "tpe";
        @JsonProperty("pruner")
        public String pruner = "none";
        /** Search space file (default conf/tuning/<model>.yaml). */
        @JsonProperty("space")
        public String space;
    }

    /** Where the pipeline's data comes from: the built-in generator, or ingest of raw files. */
    public static final class Data {
        @JsonProperty("generate")
        public Generate generate = new Generate();
        @JsonProperty("ingest")
        public IngestSource ingest = null;
    }

    /** The sample generator's size (the seed is the config's). */
    public static final class Generate {
        @JsonProperty("users")
        public int users = 2000;
        @JsonProperty("items")
        public int items = 800;
        @JsonProperty("interactions")
        public long interactions = 120_000;
    }

    /** Raw files to ingest: {@code format} as for `animerec ingest`, {@code input} the file or folder. */
    public static final class IngestSource {
        @JsonProperty("format")
        public String format;
        @JsonProperty("input")
        public String input;
    }

    /** Split defaults. */
    public static final class Split {
        @JsonProperty("strategy")
        public String strategy = "random";
        @JsonProperty("test_ratio")
        public double testRatio = 0.25;
        @JsonProperty("validation_ratio")
        public double validationRatio = 0.0;
    }

    /** Evaluation defaults. */
    public static final class Evaluation {
        @JsonProperty("k")
        public List<Integer> k = new ArrayList<>(List.of(5, 10, 20));
        @JsonProperty("relevance")
        public String relevance = "all";
        @JsonProperty("users")
        public String users = "truth";
        /** The largest K of the report's metric@K curves, computed with every evaluation with its other report data; 0: none. */
        @JsonProperty("curve_k")
        public int curveK = 50;
    }

    public int[] ks() {
        return evaluation.k.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The K a one-column summary shows (a leaderboard, a tuning objective): 10 when it is evaluated, else the first. */
    public int headlineK() {
        int[] ks = ks();
        return java.util.Arrays.stream(ks).anyMatch(x -> x == 10) ? 10 : ks[0];
    }

    public static AnimerecConfig defaults() {
        return new AnimerecConfig();
    }

    /**
     * A copy with {@code overrides} (dotted key path, e.g. {@code paths.artifacts}, to value) set; this config is left
     * as it is. The command line's --seed, --artifacts, --experiments and --root are applied this way, once, so no
     * code changes a config after it is loaded. A bad key or value is a {@link UserError} naming it.
     */
    public AnimerecConfig with(Map<String, ?> overrides) {
        if (overrides.isEmpty()) {
            return this;
        }
        com.fasterxml.jackson.databind.node.ObjectNode tree = animerec.util.Json.MAPPER.valueToTree(this);
        for (Map.Entry<String, ?> e : overrides.entrySet()) {
            String[] keys = e.getKey().split("\\.");
            com.fasterxml.jackson.databind.JsonNode at = tree;
            for (int i = 0; i < keys.length - 1; i++) {
                at = at.path(keys[i]);
            }
            if (!(at instanceof com.fasterxml.jackson.databind.node.ObjectNode parent) || !parent.has(keys[keys.length - 1])) {
                throw new UserError("config override: no key '" + e.getKey() + "'");
            }
            parent.set(keys[keys.length - 1], animerec.util.Json.MAPPER.valueToTree(e.getValue()));
        }
        try {
            return animerec.util.Json.MAPPER.treeToValue(tree, AnimerecConfig.class);
        } catch (JsonProcessingException e) {
            throw new UserError("config override " + overrides + ": " + oneLine(e.getOriginalMessage()));
        }
    }

    /** Reads a YAML (or JSON) config file; every problem is a {@link UserError} naming the file and key. */
    public static AnimerecConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": config file not found");
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        try {
            com.fasterxml.jackson.databind.JsonNode tree = Files.readString(file).isBlank() ? null : yaml.readTree(file.toFile());
            if (tree == null || tree.isMissingNode() || tree.isNull()) { // nothing, or only comments
                throw new UserError(file + ": the config file is empty (write some settings, or leave out --config)");
            }
            AnimerecConfig c = yaml.readValue(file.toFile(), AnimerecConfig.class);
            c.validate(file.toString());
            return c;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            throw new UserError(file + at(e) + ": unknown key '" + path(e) + "' (known here: " + known + ")");
        } catch (JsonMappingException e) {
            throw new UserError(file + at(e) + ": bad value at '" + path(e) + "': " + oneLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new UserError(file + at(e) + ": not valid YAML: " + oneLine(yamlProblem(e)));
        } catch (IOException e) {
            throw new UserError(file + ": cannot parse: " + e.getMessage());
        }
    }

    private void validate(String file) {
        if (evaluation.k.isEmpty() || evaluation.k.stream().anyMatch(k -> k == null || k <= 0)) {
            throw new UserError(file + ": evaluation.k must list positive integers, got " + evaluation.k);
        }
        if (evaluation.curveK < 0 || evaluation.curveK > 1000) {
            throw new UserError(file + ": evaluation.curve_k must be in 0..1000, got " + evaluation.curveK);
        }
        if (!(split.testRatio > 0 && split.testRatio < 1)) {
            throw new UserError(file + ": split.test_ratio must be in (0, 1), got " + split.testRatio);
        }
        if (!(split.validationRatio >= 0 && split.validationRatio < 1)) {
            throw new UserError(file + ": split.validation_ratio must be in [0, 1), got " + split.validationRatio);
        }
    }

    /** ": line L, column C" of the problem, when the parser knows it. */
    private static String at(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "" : ": line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** The parser's own words: the problem, without the location and snippet it appends. */
    private static String yamlProblem(JsonProcessingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof org.yaml.snakeyaml.error.MarkedYAMLException m) {
            return m.getProblem() + (m.getContext() == null ? "" : " (" + m.getContext() + ")");
        }
        return e.getOriginalMessage();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
