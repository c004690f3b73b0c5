package animerec.report;

import animerec.util.FileAccess;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a report shows, read from the files the project writes: the experiment records ({@code DIR/metrics/*.json},
 * the latest per model version), the registry's manifest entries, each split's {@code split.json} (its data's shape),
 * and tuning studies ({@code study.json} with {@code trials.csv}). Read without Spark; a missing piece is a note, not
 * an error, unless nothing at all is there.
 */
public record ReportInputs(List<Run> runs, Map<String, JsonNode> entries, Map<String, JsonNode> splits,
                           List<StudyData> studies, List<String> notes) {

    /** One evaluated model version, from its latest experiment record. */
    public record Run(String model, String version, String created, double fitSeconds, String splitId,
                      String dataFingerprint, String paramsHash, Map<String, Double> metrics, JsonNode modelReport,
                      JsonNode diagnostics) {
        /** {@code name@version}, the key of its manifest entry. */
        public String key() {
            return model + "@" + version;
        }
    }

    /** One tuning study: its {@code study.json}, its trials (empty when there is no trials.csv) and where it was read. */
    public record StudyData(String name, JsonNode study, List<Map<String, String>> trials, String source) {
    }

    /**
     * @param experiments the experiments folder (its {@code metrics/} records); may be null
     * @param artifacts   the registry root (manifest entries, and through them the splits); may be null
     * @param studies     study folders, folders of study folders, folders of {@code NAME.study.json} files, or such
     *                    files; with none given, {@code experiments/optuna_studies} ({@code animerec tune}'s) when it exists
     * @param splitDirs   split folders to read {@code split.json} from, besides those the manifest names
     */
    public static ReportInputs read(FileAccess files, String experiments, String artifacts, List<String> studies,
                                    List<String> splitDirs) {
        List<String> notes = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        if (experiments != null) {
            String metrics = animerec.util.HadoopFiles.child(experiments, "metrics");
            if (files.exists(metrics)) {
                runs.addAll(latestRuns(files, metrics));
            } else {
                notes.add(experiments + ": no experiment records (no metrics/ folder)");
            }
        }
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        Map<String, String> splitPaths = new LinkedHashMap<>();
        if (artifacts != null) {
            List<JsonNode> listed = new animerec.artifact.ModelRegistry(files, artifacts).list();
            if (listed.isEmpty()) {
                notes.add(artifacts + ": no registered models");
            }
            for (JsonNode e : listed) {
                entries.put(e.path("name").asText() + "@" + e.path("version").asText(), e);
                String train = e.path("train_path").asText("");
                if (train.endsWith("/train")) {
                    splitPaths.putIfAbsent(e.path("split_id").asText(), train.substring(0, train.length() - "/train".length()));
                }
            }
        }
        Map<String, JsonNode> splits = new LinkedHashMap<>();
        List<String> dirs = new ArrayList<>(splitDirs == null ? List.of() : splitDirs);
        dirs.addAll(splitPaths.values());
        for (String dir : dirs) {
            String json = animerec.util.HadoopFiles.child(dir, "split.json");
            if (files.exists(json)) {
                JsonNode s = parse(files, json);
                splits.putIfAbsent(s.path("split_id").asText(), s);
            }
        }
        List<StudyData> studyData = new ArrayList<>();
        List<String> studyPaths = new ArrayList<>(studies == null ? List.of() : studies);
        if (studyPaths.isEmpty() && experiments != null) {
            String dir = animerec.util.HadoopFiles.child(experiments, "optuna_studies");
            java.net.URI uri = new org.apache.hadoop.fs.Path(dir).toUri();
            Path local = files.localOrNull(dir) != null ? files.localOrNull(dir)
                    : uri.getScheme() == null ? Path.of(dir) : "file".equals(uri.getScheme()) ? Path.of(uri) : null;
            if (local != null && Files.isDirectory(local)) {
                studyPaths.add(local.toString());
            }
        }
        for (String s : studyPaths) {
            studyData.addAll(readStudies(s));
        }
        if (runs.isEmpty() && studyData.isEmpty()) {
            throw new UserError("nothing to report: no experiment records"
                    + (experiments == null ? "" : " under " + experiments + "/metrics") + " and no tuning studies");
        }
        return new ReportInputs(runs, entries, splits, studyData, notes);
    }

    /** The latest record of each model version (by its created time), sorted by model then version. */
    static List<Run> latestRuns(FileAccess files, String metricsDir) {
        Map<String, Run> latest = new LinkedHashMap<>();
        for (String f : files.dataFiles(metricsDir)) {
            if (!f.endsWith(".json")) {
                continue;
            }
            JsonNode n = parse(files, f);
            Map<String, Double> metrics = new LinkedHashMap<>();
            n.path("metrics").fields().forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
            JsonNode report = n.get("model_report");
            JsonNode diagnostics = n.get("diagnostics");
            Run r = new Run(n.path("model").asText(), n.path("version").asText(), n.path("created").asText(),
                    n.path("fit_seconds").asDouble(), n.path("split_id").asText(), n.path("data_fingerprint").asText(),
                    n.path("params_hash").asText(), metrics, report, diagnostics);
            latest.merge(r.key(), r, (a, b) -> a.created().compareTo(b.created()) >= 0 ? a : b);
        }
        List<Run> out = new ArrayList<>(latest.values());
        out.sort(Comparator.comparing(Run::model).thenComparing(Run::version));
        return out;
    }

    /** The studies at {@code path} (see {@link #read}). */
    static List<StudyData> readStudies(String path) {
        Path p = Path.of(path);
        List<StudyData> out = new ArrayList<>();
        if (Files.isRegularFile(p)) {
            out.add(studyFile(p));
        } else if (Files.isDirectory(p)) {
            if (Files.isRegularFile(p.resolve("study.json"))) {
                out.add(study(p.getFileName().toString(), p.resolve("study.json"), p.resolve("trials.csv")));
            } else {
                try (Stream<Path> children = Files.list(p)) {
                    for (Path c : children.sorted().toList()) {
                        String name = c.getFileName().toString();
                        if (Files.isDirectory(c) && Files.isRegularFile(c.resolve("study.json"))) {
                            out.add(study(name, c.resolve("study.json"), c.resolve("trials.csv")));
                        } else if (name.endsWith(".study.json")) {
                            out.add(studyFile(c));
                        }
                    }
                } catch (IOException e) {
                    throw new UserError(path + ": cannot list (" + e.getMessage() + ")", e);
                }
            }
            if (out.isEmpty()) {
                throw new UserError(path + ": no tuning study here (no study.json, no */study.json, no *.study.json)");
            }
        } else {
            throw new UserError(path + ": no such study file or folder");
        }
        return out;
    }

    private static StudyData studyFile(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".study.json")) {
            throw new UserError(file + ": a study file is named NAME.study.json (or give the study's folder)");
        }
        String base = name.substring(0, name.length() - ".study.json".length());
        return study(base, file, file.resolveSibling(base + ".trials.csv"));
    }

    private static StudyData study(String name, Path json, Path trials) {
        JsonNode study;
        try {
            study = Json.MAPPER.readTree(json.toFile());
        } catch (IOException e) {
            throw new UserError(json + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        if (Files.isRegularFile(trials)) {
            try {
                List<String> lines = Files.readAllLines(trials);
                if (!lines.isEmpty()) {
                    List<String> header = Csv.fields(lines.get(0));
                    for (int i = 1; i < lines.size(); i++) {
                        if (lines.get(i).isBlank()) {
                            continue;
                        }
                        List<String> f = Csv.fields(lines.get(i));
                        Map<String, String> row = new LinkedHashMap<>();
                        for (int j = 0; j < header.size(); j++) {
                            row.put(header.get(j), j < f.size() ? f.get(j) : "");
                        }
                        rows.add(row);
                    }
                }
            } catch (IOException e) {
                throw new UserError(trials + ": cannot read (" + e.getMessage() + ")", e);
            }
        }
        return new StudyData(study.path("study").asText(name), study, rows, json.toString());
    }

    private static JsonNode parse(FileAccess files, String path) {
        try {
            return Json.MAPPER.readTree(files.readString(path));
        } catch (IOException e) {
            throw new UserError(path + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    /** Fields of one CSV line: commas separate, double quotes enclose a field with commas ("" is a quote). */
    static final class Csv {
        private Csv() {
        }

        static List<String> fields(String line) {
            List<String> out = new ArrayList<>();
            StringBuilder f = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        f.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    out.add(f.toString());
                    f.setLength(0);
                } else {
                    f.append(c);
                }
            }
            out.add(f.toString());
            return out;
        }
    }
}
