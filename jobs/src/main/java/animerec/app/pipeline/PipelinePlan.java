package animerec.app.pipeline;

import animerec.config.AnimerecConfig;
import animerec.data.Fingerprints;
import animerec.catalog.ModelCatalog;
import animerec.model.content.ContentKind;
import animerec.tune.StudyFiles;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The pipeline's steps from the config, what each depends on, and the fingerprints that key them. */
public final class PipelinePlan {
    private PipelinePlan() {
    }

    /** One step: its name, what it depends on, and its settings (all part of its fingerprint). */
    public record Step(String name, List<String> after, JsonNode settings) {
    }

    /** The steps in order; train and hybrid steps depend on the split (and hybrids on nothing else). */
    public static List<Step> plan(AnimerecConfig c) {
        AnimerecConfig.Pipeline p = c.pipeline;
        List<Step> steps = new ArrayList<>();
        ObjectNode data = Json.object();
        data.put("seed", c.seed);
        data.set("source", Json.MAPPER.valueToTree(p.data.ingest != null ? p.data.ingest : p.data.generate));
        data.put("kind", p.data.ingest != null ? "ingest" : "generate");
        steps.add(new Step("data", List.of(), data));
        ObjectNode split = Json.object();
        split.put("seed", c.seed);
        split.set("split", Json.MAPPER.valueToTree(c.split));
        steps.add(new Step("split", List.of("data"), split));
        if (!p.features.isEmpty()) {
            p.features.forEach(ContentKind::parse); // validates the names now
            ObjectNode f = Json.object();
            if (p.neighbours < 0) {
                throw new UserError("pipeline.neighbours must be 0 or more, got " + p.neighbours);
            }
            f.set("kinds", Json.MAPPER.valueToTree(p.features));
            if (p.neighbours != 20) { // (20, the default, is left out so that existing runs keep their fingerprint)
                f.put("neighbours", p.neighbours);
            }
            f.set("params", Json.MAPPER.valueToTree(c.models));
            steps.add(new Step("features", List.of("data"), f));
        }
        List<String> report = new ArrayList<>();
        for (String model : concat(p.train, p.hybrids)) {
            ModelCatalog.get(model); // validates the name now
            ObjectNode t = Json.object();
            t.put("model", model);
            t.put("seed", c.seed);
            t.set("params", Json.MAPPER.valueToTree(c.models.getOrDefault(model, Map.of())));
            t.set("evaluation", Json.MAPPER.valueToTree(c.evaluation));
            steps.add(new Step("train:" + model, List.of("split"), t));
            report.add("train:" + model);
        }
        java.util.Set<String> tuned = new java.util.HashSet<>();
        for (AnimerecConfig.Tune tune : p.tune) {
            if (tune.model == null || !tuned.add(tune.model)) {
                throw new UserError("pipeline.tune: each entry needs a model, once (got " + tune.model + ")");
            }
            ModelCatalog.get(tune.model);
            if (c.split.validationRatio <= 0) {
                throw new UserError("pipeline.tune: studies score a validation carve-out of train; set split.validation_ratio "
                        + "(for example 0.2)");
            }
            if (tune.trials < 1) {
                throw new UserError("pipeline.tune." + tune.model + ".trials must be at least 1, got " + tune.trials);
            }
            StudyFiles.studyDir(c.paths.experiments, tune.model); // refuses a non-local experiments path before any step runs
            String space = StudyFiles.spaceFile(tune.model, tune.space).toString();
            ObjectNode t = Json.object();
            t.put("seed", c.seed);
            t.set("tune", Json.MAPPER.valueToTree(tune));
            t.put("space", space);
            try { // the search space's content is part of the step's fingerprint
                t.put("space_sha256", Fingerprints.sha256(java.nio.file.Files.readString(java.nio.file.Path.of(space))));
            } catch (IOException e) {
                throw new UserError("pipeline.tune." + tune.model + ": cannot read the search space " + space + ": " + e.getMessage());
            }
            t.set("evaluation", Json.MAPPER.valueToTree(c.evaluation));
            steps.add(new Step("tune:" + tune.model, List.of("split"), t));
            report.add("tune:" + tune.model);
        }
        steps.add(new Step("report", report, Json.object()));
        return steps;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The steps {@code name} depends on, directly or not. */
    public static java.util.Set<String> inputsOf(String name, List<Step> steps) {
        java.util.Set<String> out = new java.util.HashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(name));
        while (!todo.isEmpty()) {
            String n = todo.pop();
            for (Step s : steps) {
                if (s.name().equals(n)) {
                    for (String a : s.after()) {
                        if (out.add(a)) {
                            todo.push(a);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** sha-256 of the step's settings and its inputs' fingerprints, 16 hex digits. */
    public static String fingerprint(Step step, Map<String, String> upstream) {
        ObjectNode key = Json.object();
        key.put("step", step.name());
        key.set("settings", step.settings());
        ObjectNode inputs = key.putObject("inputs");
        for (String a : step.after()) {
            inputs.put(a, upstream.get(a));
        }
        return Fingerprints.sha256(Json.compact(key)).substring(0, 16);
    }
}
