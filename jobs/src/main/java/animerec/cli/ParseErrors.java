package animerec.cli;

import animerec.util.Excerpt;
import animerec.util.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * picocli's own parse errors (a value of the wrong type, an unknown or missing option, an option given twice) as the
 * one line every user error gets: {@code animerec: error: <what> (see 'animerec <cmd> --help')}, exit 2, without the
 * usage block and without Java type names.
 */
final class ParseErrors implements CommandLine.IParameterExceptionHandler {
    /** Suggestions for a misspelt option or command, at most this many. */
    private static final int MAX_SUGGESTIONS = 3;
    private static final Pattern KEY_VALUE = Pattern.compile("Value for .*?'(-[^']+)'.*? should be in KEY=VALUE\\S* format but was (.*)",
            Pattern.DOTALL);
    private static final Pattern EXPECTED = Pattern.compile("Expected parameter.* but found '(.*)'", Pattern.DOTALL);
    private static final Pattern EXCLUSIVE = Pattern.compile("(?:Error: )?(.+) are mutually exclusive.*");

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        String what = describe(ex, args).strip().replaceAll("\\s*\\R\\s*", " ");
        ex.getCommandLine().getErr().println("animerec: error: " + what + " (see '"
                + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
        ex.getCommandLine().getErr().flush();
        return 2;
    }

    static String describe(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            return unmatched(cmd, u.getUnmatched());
        }
        if (ex instanceof CommandLine.MissingParameterException m) {
            // picocli checks the required options before it reports unknown ones: "--modle x" would say "missing
            // --model", hiding the typo that caused it
            CommandLine.ParseResult parsed = cmd.getParseResult();
            if (parsed != null && !parsed.unmatched().isEmpty()) {
                return unmatched(cmd, parsed.unmatched());
            }
            List<String> names = m.getMissing().stream().map(ParseErrors::name).toList();
            Matcher found = EXPECTED.matcher(String.valueOf(m.getMessage()));
            if (found.matches() && names.size() == 1) { // "--k --split x": --split is no value for --k
                return names.get(0) + " needs a value (found " + Excerpt.quoted(found.group(1)) + ")";
            }
            if (String.valueOf(m.getMessage()).startsWith("Missing required parameter for option") && names.size() == 1) {
                return names.get(0) + " needs a value";
            }
            return "missing " + String.join(", ", names);
        }
        if (ex instanceof CommandLine.OverwrittenOptionException o) {
            List<String> given = valuesOf(o.getOverwritten(), args);
            return name(o.getOverwritten()) + " is given " + (given.size() < 2 ? "more than once"
                    : (given.size() == 2 ? "twice" : given.size() + " times") + " ("
                    + String.join(", ", given.stream().map(Excerpt::quoted).toList()) + ")")
                    + "; give it once";
        }
        if (ex instanceof CommandLine.MutuallyExclusiveArgsException) {
            Matcher m = EXCLUSIVE.matcher(String.valueOf(ex.getMessage()));
            if (m.matches()) {
                return String.join(" and ", m.group(1).split(",\\s*")) + " cannot be given together";
            }
        }
        if (ex.getCause() instanceof CommandLine.TypeConversionException && ex.getArgSpec() != null && ex.getValue() != null) {
            ArgSpec arg = ex.getArgSpec();
            Class<?>[] types = arg.auxiliaryTypes();
            Class<?> type = types == null || types.length == 0 ? arg.type() : types[types.length - 1];
            return name(arg) + ": " + Excerpt.quoted(ex.getValue()) + " " + Words.notA(type, ex.getValue());
        }
        Matcher kv = KEY_VALUE.matcher(String.valueOf(ex.getMessage()));
        if (kv.matches()) {
            return kv.group(1) + ": " + Excerpt.quoted(kv.group(2)) + " is not KEY=VALUE";
        }
        return generic(String.valueOf(ex.getMessage()));
    }

    /** The values {@code args} give the option {@code arg} ("--recs a", "--recs=b"), in order; none for a flag. */
    static List<String> valuesOf(ArgSpec arg, String[] args) {
        List<String> out = new ArrayList<>();
        if (!(arg instanceof OptionSpec o) || args == null) {
            return out;
        }
        for (int i = 0; i < args.length; i++) {
            for (String n : o.names()) {
                if (args[i].equals(n) && i + 1 < args.length && o.arity().max() > 0) {
                    out.add(args[i + 1]);
                } else if (args[i].startsWith(n + "=")) {
                    out.add(args[i].substring(n.length() + 1));
                }
            }
        }
        return out;
    }

    /** The first argument picocli could not place: an unknown option, an unknown command or an extra argument. */
    private static String unmatched(CommandLine cmd, List<String> unmatched) {
        String option = unmatched.isEmpty() || !looksLikeOption(unmatched.get(0)) ? null : unmatched.get(0);
        String what;
        String arg;
        java.util.Collection<String> candidates;
        if (option != null) {
            candidates = cmd.getCommandSpec().optionsMap().keySet();
            arg = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
            what = "unknown option " + Excerpt.quoted(arg);
        } else if (!unmatched.isEmpty()) {
            arg = unmatched.get(0);
            candidates = cmd.getSubcommands().keySet();
            what = (cmd.getSubcommands().isEmpty() ? "unexpected argument " : "unknown command ") + Excerpt.quoted(arg);
        } else {
            return "unexpected arguments";
        }
        List<String> close = Words.closest(arg, candidates, MAX_SUGGESTIONS);
        return close.isEmpty() ? what : what + "; did you mean " + Words.orList(close) + "?";
    }

    private static boolean looksLikeOption(String s) {
        return s.startsWith("-") && s.length() > 1 && !s.matches("-[\\d.].*");
    }

    /** An option's longest name ("--model"), or a positional parameter's label ("NAME[@VERSION]"). */
    static String name(ArgSpec arg) {
        if (arg instanceof OptionSpec o) {
            return o.longestName();
        }
        if (arg instanceof PositionalParamSpec p) {
            return p.paramLabel();
        }
        return String.valueOf(arg);
    }

    /** Any other picocli message, with its "option '--k' (<ks>)" phrasing and type names taken out. */
    static String generic(String message) {
        String m = message.replaceFirst("^Error: ", "")
                .replaceAll("option '(-[^']+)' \\([^)]*\\)", "$1")
                .replaceAll("option '(-[^']+)'", "$1")
                .replaceAll(" \\(<[^>]*>\\)", "")
                .replaceAll("'([^'=]+)=<[^>]*>'", "$1")
                .replaceFirst("\\.$", "");
        return m.isEmpty() ? m : Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }
}
