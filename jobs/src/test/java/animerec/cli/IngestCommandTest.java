package animerec.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** How picocli reads ingest's options (no Spark): the negatable --header means what it says. */
class IngestCommandTest {
    private static IngestCommand parse(String... extra) {
        IngestCommand c = new IngestCommand();
        String[] args = new String[extra.length + 6];
        args[0] = "--format";
        args[1] = "csv";
        args[2] = "--input";
        args[3] = "x.csv";
        args[4] = "--out";
        args[5] = "o";
        System.arraycopy(extra, 0, args, 6, extra.length);
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @Test
    void headerIsOnByDefaultAndNoHeaderTurnsItOff() {
        assertTrue(parse().header, "default");
        assertTrue(parse("--header").header, "--header");
        assertFalse(parse("--no-header").header, "--no-header");
    }
}
