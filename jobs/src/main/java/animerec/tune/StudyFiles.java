package animerec.tune;

import animerec.model.Recommender;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** A study's files: its folder, its search space file, and the summaries written after every trial. */
public final class StudyFiles {
    private StudyFiles() {
    }

    /**
     * A study's folder, {@code <experiments>/optuna_studies/<study>}. It is local: the journal is forced to disk after
     * every trial event, which needs a local file system, so an hdfs:/s3a: experiments path is refused by name.
     */
    public static Path studyDir(String experiments, String study) {
        java.net.URI uri = new org.apache.hadoop.fs.Path(experiments).toUri();
        if (uri.getScheme() != null && !uri.getScheme().equals("file")) {
            throw new UserError("paths.experiments " + experiments + ": tuning studies are kept in a local folder (their "
                    + "journal is forced to disk after every trial); pass --experiments DIR with a local folder");
        }
        Path base = uri.getScheme() == null ? Path.of(experiments) : Path.of(uri);
        return base.resolve("optuna_studies").resolve(study);
    }

    /** The search space file: {@code space} when given, else conf/tuning/<model>.yaml. */
    public static Path spaceFile(String model, String space) {
        return Path.of(space != null ? space : "conf/tuning/" + model + ".yaml");
    }

    /** The search space in {@code file}, checked against the family's parameters. */
    public static SearchSpace readSpace(Path file, Recommender family) {
        if (!Files.exists(file)) {
            throw new UserError(file + ": no search space (write conf/tuning/" + family.name() + ".yaml or pass --space FILE)");
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new UserError(file + ": not valid YAML: " + e.getMessage(), e);
        }
        for (var it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!List.of("model", "params").contains(key)) {
                throw new UserError(file + ": unknown key '" + key + "' (expected model, params)");
            }
        }
        if (root.hasNonNull("model") && !root.path("model").asText().equals(family.name())) {
            throw new UserError(file + ": model is '" + root.path("model").asText() + "', not " + family.name());
        }
        SearchSpace s = SearchSpace.parse(file.toString(), family.name(), root.path("params"));
        TreeSet<String> known = new TreeSet<>();
        family.params().forEach(p -> known.add(p.name()));
        for (SearchSpace.Dimension d : s.dimensions()) {
            if (!known.contains(d.name())) {
                throw new UserError(file + ": params." + d.name() + " is not a parameter of " + family.name() + " " + known);
            }
        }
        return s;
    }

    /** Writes trials.csv, study.json (info, counts, the best trial and the best value by trial) and best_params.yaml. */
    public static void writeSummary(Path dir, List<Trial> all, ObjectNode info, SearchSpace space, int objectiveK) {
        List<String> names = new ArrayList<>();
        space.dimensions().forEach(d -> names.add(d.name()));
        StringBuilder csv = new StringBuilder("number,value,map,state,duration_s,last_step,last_intermediate");
        names.forEach(n -> csv.append(",params_").append(n));
        csv.append(",message\n");
        for (Trial t : all) {
            csv.append(t.number()).append(',').append(t.state() == Trial.State.COMPLETE ? t.value() : "")
                    .append(',').append(t.state() == Trial.State.COMPLETE ? t.tieBreak() : "")
                    .append(',').append(t.state()).append(',').append(String.format(Locale.ROOT, "%.3f", t.seconds()))
                    .append(',').append(t.steps() == null || t.steps().isEmpty() ? "" : t.steps().get(t.steps().size() - 1))
                    .append(',').append(t.intermediate() == null || t.intermediate().isEmpty() ? ""
                            : t.intermediate().get(t.intermediate().size() - 1));
            names.forEach(n -> csv.append(',').append(t.params().getOrDefault(n, "")));
            csv.append(',').append(t.message() == null ? "" : '"' + t.message().replace("\"", "'").replace("\n", " ") + '"').append('\n');
        }
        animerec.util.LocalFiles.writeAtomically(dir.resolve("trials.csv"), csv.toString());
        Trial best = Study.best(all);
        ObjectNode json = info.deepCopy();
        json.put("finished", all.size());
        json.put("complete", all.stream().filter(t -> t.state() == Trial.State.COMPLETE).count());
        json.put("failed", all.stream().filter(t -> t.state() == Trial.State.FAIL).count());
        json.put("pruned", all.stream().filter(t -> t.state() == Trial.State.PRUNED).count());
        json.put("seconds", all.stream().mapToDouble(Trial::seconds).sum());
        if (best != null) {
            ObjectNode b = json.putObject("best");
            b.put("trial", best.number()).put("value", best.value()).put("map", best.tieBreak());
            b.set("params", Json.MAPPER.valueToTree(best.params()));
            List<Double> curve = new ArrayList<>();
            double run = Double.NEGATIVE_INFINITY;
            for (Trial t : all) {
                if (t.state() == Trial.State.COMPLETE) {
                    run = Math.max(run, t.value());
                }
                curve.add(run == Double.NEGATIVE_INFINITY ? null : run);
            }
            json.set("best_value_by_trial", Json.MAPPER.valueToTree(curve));
            StringBuilder yaml = new StringBuilder();
            yaml.append(String.format(Locale.ROOT, "# best trial %d of study %s: validation ndcg@%d %.6f, map@%d %.6f%n",
                    best.number(), info.path("study").asText(), objectiveK, best.value(), objectiveK, best.tieBreak()));
            yaml.append("# an animerec config: animerec train --model ").append(info.path("model").asText())
                    .append(" --config <this file> --split <split>\n");
            yaml.append("seed: ").append(info.path("seed").asLong()).append('\n');
            yaml.append("study: ").append(info.path("study").asText()).append('\n');
            yaml.append("models:\n  ").append(info.path("model").asText()).append(":\n");
            for (Map.Entry<String, String> e : new LinkedHashMap<>(best.params()).entrySet()) {
                yaml.append("    ").append(e.getKey()).append(": \"").append(e.getValue()).append("\"\n");
            }
            animerec.util.LocalFiles.writeAtomically(dir.resolve("best_params.yaml"), yaml.toString());
        }
        animerec.util.LocalFiles.writeAtomically(dir.resolve("study.json"), Json.write(json));
    }
}
