package animerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.app.pipeline.PipelinePlan;
import animerec.config.AnimerecConfig;
import animerec.spark.SparkSessions;
import animerec.split.SplitStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Issue 19, help agrees with the code: generated from picocli's model, every command's --help lists every option and
 * parameter it accepts with a description, every command says what it does in a whole first sentence, and the lists
 * the code accepts (split strategies, pipeline steps, metrics columns) are named where a user reads them. All of it
 * in this JVM without a SparkSession.
 */
class HelpTest {
    @TempDir
    Path tmp;

    /** The root command and every subcommand under it, depth first, each once (picocli lists aliases as extra keys). */
    private static List<CommandLine> commands() {
        List<CommandLine> out = new ArrayList<>();
        collect(new CommandLine(new Main()), out);
        return out;
    }

    private static void collect(CommandLine c, List<CommandLine> out) {
        out.add(c);
        for (CommandLine sub : new LinkedHashSet<>(c.getSubcommands().values())) {
            collect(sub, out);
        }
    }

    /** {@code <command> --help}, run in-process: exit 0, no SparkSession requested. */
    private static String help(CommandLine c) {
        String[] words = c.getCommandSpec().qualifiedName(" ").split(" ");
        List<String> args = new ArrayList<>(List.of(words).subList(1, words.length));
        args.add("--help");
        long sessions = SparkSessions.requests();
        CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
        assertEquals(0, r.exitCode(), args + ": " + r.err());
        assertEquals(sessions, SparkSessions.requests(), args + ": no SparkSession requested");
        return r.out();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /** A description without its default clause ("(default: ...)", "default: ..."): what the option is. */
    private static String withoutDefault(String description) {
        return description.replaceAll("\\(?default: [^)]*\\)?", "").replaceAll("[\\s;,.]+", " ").strip();
    }

    @Test
    void everyOptionAndParameterHasADescriptionThatItsHelpShows() {
        List<CommandLine> commands = commands();
        assertTrue(commands.size() > 15, "commands found: " + commands.size());
        int checked = 0;
        for (CommandLine c : commands) {
            CommandSpec spec = c.getCommandSpec();
            String name = spec.qualifiedName(" ");
            String help = help(c);
            String flat = oneLine(help);
            for (OptionSpec o : spec.options()) {
                if (o.hidden()) {
                    continue;
                }
                String description = String.join(" ", o.description());
                if ((o.usageHelp() || o.versionHelp()) && description.isEmpty()) {
                    // picocli's own -h/-V: their text is picocli's standard one
                    assertTrue(help.contains(o.usageHelp() ? "Show this help message and exit." : "Print version information "
                            + "and exit."), name + " " + o.longestName() + ": " + help);
                    continue;
                }
                assertFalse(withoutDefault(description).isEmpty(), name + " " + o.longestName() + ": says what it is, not "
                        + "only its default: '" + description + "'");
                String shown = o.negatable() ? o.longestName().replaceFirst("^--", "--[no-]") : o.longestName();
                Pattern listed = Pattern.compile("(?m)^\\s+(?:-\\w, )?" + Pattern.quote(shown) + "(?:[=\\s\\[]|$)");
                assertTrue(listed.matcher(help).find(), name + " --help lists " + o.longestName() + ":\n" + help);
                String start = oneLine(description.split("\\$\\{")[0]);
                start = start.substring(0, Math.min(30, start.length()));
                assertTrue(flat.contains(start), name + " --help shows the description of " + o.longestName() + " ('"
                        + start + "'):\n" + help);
                checked++;
            }
            for (PositionalParamSpec p : spec.positionalParameters()) {
                if (p.hidden()) {
                    continue;
                }
                String description = oneLine(String.join(" ", p.description()));
                assertFalse(description.isEmpty(), name + " " + p.paramLabel() + " has a description");
                assertTrue(help.contains(p.paramLabel()) && flat.contains(description.substring(0, Math.min(30,
                        description.length()))), name + " --help shows " + p.paramLabel() + ":\n" + help);
                checked++;
            }
        }
        assertTrue(checked > 150, "options checked: " + checked);
    }

    /**
     * The first description line is what `animerec --help` lists: one whole sentence in the imperative ("Run ...",
     * not "Runs ..."). Every later line ends a sentence too, so no line is cut mid-sentence by the array's line breaks.
     */
    @Test
    void everyCommandSaysWhatItDoesInWholeSentences() {
        for (CommandLine c : commands()) {
            if (c.getCommand() instanceof CommandLine.HelpCommand) {
                continue; // picocli's own `help`: its summary is its header, checked with the others in `animerec --help`
            }
            String name = c.getCommandSpec().qualifiedName(" ");
            assertEquals(0, c.getCommandSpec().usageMessage().header().length, name + ": the summary is the description's first line");
            String[] description = c.getCommandSpec().usageMessage().description();
            assertTrue(description.length > 0, name + " has a description");
            String first = description[0];
            assertTrue(first.matches("[A-Z][^\\n]*\\."), name + ": the first line is a whole sentence: '" + first + "'");
            if (c.getParent() != null) {
                String verb = first.split("[ ,]")[0];
                assertFalse(verb.endsWith("s") && !verb.endsWith("ss"), name + ": the imperative, as the others: '" + first + "'");
            }
            for (String line : description) {
                assertTrue(line.strip().endsWith("."), name + ": a description line ends a sentence: '" + line + "'");
            }
        }
    }

    /** Each entry of the Commands: list in `animerec --help` is a whole sentence, however picocli wraps it. */
    @Test
    void theTopLevelSummariesAreWholeSentences() {
        CommandLine root = new CommandLine(new Main());
        String help = help(root);
        String section = help.substring(help.indexOf("Commands:") + "Commands:".length());
        Map<String, String> entries = new java.util.LinkedHashMap<>();
        String current = null;
        for (String line : section.lines().toList()) {
            Matcher m = Pattern.compile("^  (\\S+)\\s+(.*)$").matcher(line);
            if (m.matches()) {
                current = m.group(1);
                entries.put(current, m.group(2));
            } else if (current != null && !line.isBlank()) {
                entries.put(current, entries.get(current) + " " + line.strip());
            }
        }
        assertEquals(new LinkedHashSet<>(root.getSubcommands().keySet()), entries.keySet(), help);
        entries.forEach((name, summary) -> assertTrue(summary.matches("[A-Z].*\\."), name + ": '" + summary + "'"));
    }

    /** Every strategy SplitStrategy parses is named in split --help, its --strategy option and conf/animerec.yaml. */
    @Test
    void everySplitStrategyIsNamedWhereUsersLook() throws IOException {
        CommandLine split = new CommandLine(new Main()).getSubcommands().get("split");
        String help = oneLine(help(split));
        String option = String.join(" ", split.getCommandSpec().findOption("--strategy").description());
        String[] lines = Files.readString(shipped("conf", "animerec.yaml")).split("\n");
        String comment = null;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].strip().startsWith("strategy:")) {
                comment = lines[i - 1];
            }
        }
        assertTrue(comment != null && comment.strip().startsWith("#"), "a comment above split.strategy");
        for (SplitStrategy s : SplitStrategy.values()) {
            String label = s.label();
            assertEquals(s, SplitStrategy.parse(label));
            assertTrue(Pattern.compile("Strategies:.*\\b" + Pattern.quote(label) + " \\(").matcher(help).find(),
                    "split --help describes " + label + ": " + help);
            assertTrue(option.contains(label), "--strategy names " + label + ": " + option);
            assertTrue(comment.contains(label), "conf/animerec.yaml names " + label + ": " + comment);
        }
    }

    /**
     * pipeline --help lists the step names the pipeline plans, in order: planned from a config that has every kind
     * (features, models, hybrids, a tuning study), MODEL standing for the model's name.
     */
    @Test
    void pipelineHelpListsEveryStep() throws IOException {
        AnimerecConfig c = AnimerecConfig.defaults();
        c.split.validationRatio = 0.2;
        c.pipeline.features = new ArrayList<>(List.of("genre"));
        c.pipeline.train = new ArrayList<>(List.of("popularity", "als"));
        c.pipeline.hybrids = new ArrayList<>(List.of("hybrid-rrf"));
        AnimerecConfig.Tune tune = new AnimerecConfig.Tune();
        tune.model = "als";
        tune.space = Files.writeString(tmp.resolve("space.yaml"), "rank: {int: [4, 16]}\n").toString();
        c.pipeline.tune = new ArrayList<>(List.of(tune));
        c.paths.experiments = tmp.resolve("experiments").toString();
        Set<String> kinds = new LinkedHashSet<>();
        for (PipelinePlan.Step s : PipelinePlan.plan(c)) {
            kinds.add(s.name().contains(":") ? s.name().substring(0, s.name().indexOf(':')) + ":MODEL" : s.name());
        }
        assertTrue(kinds.size() >= 6, "every kind planned: " + kinds);
        String help = oneLine(help(new CommandLine(new Main()).getSubcommands().get("pipeline")));
        String steps = "Steps, in order: " + String.join(", ", kinds) + ".";
        assertTrue(help.contains(steps), "'" + steps + "' in: " + help);
    }

    /**
     * metrics --help names every column the file reader expects, taken from the reader's own message for a file
     * without them ("expected columns user_id, item_id (or anime_id), and rank or score").
     */
    @Test
    void metricsHelpNamesTheColumnsTheReaderExpects() throws IOException {
        CommandSpec metrics = new CommandLine(new Main()).getSubcommands().get("metrics").getCommandSpec();
        String good = Files.writeString(tmp.resolve("good.csv"), "user_id,item_id,rank\n1,10,1\n").toString();
        String bad = Files.writeString(tmp.resolve("bad.csv"), "a,b\n1,10\n").toString();
        for (String option : List.of("--recs", "--truth")) {
            CliRunner.Result r = option.equals("--recs") ? CliRunner.run("metrics", "--recs", bad, "--truth", good)
                    : CliRunner.run("metrics", "--recs", good, "--truth", bad);
            assertEquals(2, r.exitCode(), r.err());
            Matcher m = Pattern.compile("expected (?:columns )?(.*)$").matcher(r.err().strip());
            assertTrue(m.find(), r.err());
            Set<String> columns = new LinkedHashSet<>(List.of(m.group(1).split("[^a-z_]+")));
            columns.removeAll(Set.of("", "or", "and", "optionally"));
            assertTrue(columns.size() >= 4, option + ": " + columns);
            String description = String.join(" ", metrics.findOption(option).description());
            for (String column : columns) {
                assertTrue(Pattern.compile("\\b" + column + "\\b").matcher(description).find(),
                        option + " names column " + column + ": " + description);
            }
        }
    }

    private static Path shipped(String... parts) {
        Path root = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."));
        Path p = root.resolve(Path.of(parts[0], java.util.Arrays.copyOfRange(parts, 1, parts.length)));
        return Files.exists(p) ? p : Path.of("..").resolve(Path.of(parts[0], java.util.Arrays.copyOfRange(parts, 1, parts.length)));
    }
}
