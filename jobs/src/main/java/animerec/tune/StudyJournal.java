package animerec.tune;

import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The study's append-only journal, {@code journal.jsonl}: one JSON line per trial event ({@code start},
 * {@code finish}), each forced to disk before the study goes on. Replaying it gives every finished trial
 * exactly once; a trial that started but never finished (the process was killed) is simply run again.
 * A torn last line (killed mid-write) is ignored.
 */
public final class StudyJournal {
    private final Path file;

    public StudyJournal(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public synchronized void started(int number, Map<String, String> params) {
        ObjectNode e = Json.object();
        e.put("event", "start");
        e.put("trial", number);
        e.set("params", Json.MAPPER.valueToTree(params));
        e.put("time", java.time.Instant.now().toString());
        append(e);
    }

    public synchronized void finished(Trial t) {
        ObjectNode e = Json.object();
        e.put("event", "finish");
        e.put("trial", t.number());
        e.set("params", Json.MAPPER.valueToTree(t.params()));
        e.put("state", t.state().name());
        e.put("value", t.value());
        e.put("tie_break", t.tieBreak());
        e.set("steps", Json.MAPPER.valueToTree(t.steps()));
        e.set("intermediate", Json.MAPPER.valueToTree(t.intermediate()));
        e.put("seconds", t.seconds());
        if (t.message() != null) {
            e.put("message", t.message());
        }
        e.put("time", java.time.Instant.now().toString());
        append(e);
    }

    private void append(ObjectNode event) {
        byte[] line = (Json.compact(event) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException e) {
            throw new UserError(file + ": cannot append to the study journal: " + e.getMessage(), e);
        }
    }

    /**
     * Ends a torn last line (a kill mid-write) with a newline, so the next event starts a line of its own;
     * replay ignores the torn fragment, which then stays a harmless non-JSON line it skips.
     */
    public synchronized void repairTail() {
        try {
            if (Files.exists(file) && Files.size(file) > 0) {
                byte[] all = Files.readAllBytes(file);
                if (all[all.length - 1] != '\n') {
                    Files.write(file, new byte[] {'\n'}, StandardOpenOption.APPEND);
                }
            }
        } catch (IOException e) {
            throw new UserError(file + ": cannot repair the study journal: " + e.getMessage(), e);
        }
    }

    /** Finished trials in the order they finished, each trial number once (the first finish wins). */
    public List<Trial> replay() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read the study journal: " + e.getMessage(), e);
        }
        Map<Integer, Trial> done = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonNode e;
            try {
                e = Json.MAPPER.readTree(line);
            } catch (IOException ex) {
                continue; // a line torn by a kill mid-write (only the last line can be; repairTail ends it)
            }
            if (!"finish".equals(e.path("event").asText())) {
                continue;
            }
            int number = e.path("trial").asInt();
            Map<String, String> params = new LinkedHashMap<>();
            e.path("params").fields().forEachRemaining(x -> params.put(x.getKey(), x.getValue().asText()));
            List<Integer> steps = new ArrayList<>();
            e.path("steps").forEach(x -> steps.add(x.asInt()));
            List<Double> values = new ArrayList<>();
            e.path("intermediate").forEach(x -> values.add(x.asDouble()));
            done.putIfAbsent(number, new Trial(number, params, Trial.State.valueOf(e.path("state").asText()),
                    e.path("value").asDouble(), e.path("tie_break").asDouble(), steps, values, e.path("seconds").asDouble(),
                    e.hasNonNull("message") ? e.path("message").asText() : null));
        }
        return new ArrayList<>(done.values());
    }
}
