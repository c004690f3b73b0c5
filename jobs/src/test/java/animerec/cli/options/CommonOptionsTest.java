package animerec.cli.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.spark.Verbosity;
import animerec.util.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** --quiet and --verbose: parsed into the context's verbosity, exclusive, and --quiet silences progress lines. No Spark. */
class CommonOptionsTest {
    @Command(name = "probe")
    static final class Probe {
        @Mixin
        CommonOptions common;
    }

    private static CommonOptions parse(String... args) {
        Probe p = new Probe();
        new CommandLine(p).parseArgs(args);
        return p.common;
    }

    @AfterEach
    void restore() {
        Progress.quiet(false);
    }

    @Test
    void quietAndVerboseReachTheContext() {
        assertEquals(Verbosity.NORMAL, parse().context().verbosity());
        assertEquals(Verbosity.QUIET, parse("--quiet").context().verbosity());
        assertEquals(Verbosity.VERBOSE, parse("--verbose").context().verbosity());
        assertEquals(Verbosity.VERBOSE, parse("--verbose").context().withConfig(parse().config()).verbosity());
    }

    @Test
    void quietSilencesProgressForThatCommandOnly() {
        parse("--quiet").context();
        assertTrue(Progress.isQuiet());
        parse().context(); // the next command in the same JVM (tests run many) is not quiet
        assertFalse(Progress.isQuiet());
    }

    @Test
    void quietAndVerboseAreExclusive() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--quiet", "--verbose"));
        assertTrue(e.getMessage().contains("--quiet") && e.getMessage().contains("--verbose"), e.getMessage());
    }
}
