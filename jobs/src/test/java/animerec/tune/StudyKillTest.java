package animerec.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration test: a study running in its own JVM is killed with SIGKILL in the middle of a trial; resuming
 * it finishes the study with every trial exactly once in the journal, with the parameters an uninterrupted
 * study samples.
 */
class StudyKillTest {
    @TempDir
    Path tmp;

    @Test
    void aKilledStudyResumesWithoutLosingOrRepeatingTrials() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("killed"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StudyKillRun.class.getName(), dir.toString(), "12", "300")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("run.log").toFile()).start();
        Path journal = dir.resolve("journal.jsonl");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (finishes(journal) < 4 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(120); // into the next trial's sleep
        p.destroyForcibly(); // SIGKILL
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        long before = finishes(journal);
        assertTrue(before >= 4 && before < 12, "killed after " + before + " trials");
        assertTrue(Files.readString(journal).lines().filter(l -> l.contains("\"start\"")).count() > before,
                "killed mid-trial: a trial started and did not finish");

        List<Trial> resumed = StudyKillRun.study(dir, 12).run(StudyKillRun.objective(1), true, t -> { });
        assertEquals(12, resumed.size());
        assertEquals(12, finishes(journal), "every finished trial once in the journal");
        List<Trial> reference = StudyKillRun.study(Files.createDirectories(tmp.resolve("reference")), 12)
                .run(StudyKillRun.objective(1), false, t -> { });
        for (int i = 0; i < 12; i++) {
            assertEquals(i, resumed.get(i).number());
            assertEquals(reference.get(i).params(), resumed.get(i).params(), "trial " + i);
        }
    }

    private static long finishes(Path journal) throws Exception {
        if (!Files.exists(journal)) {
            return 0;
        }
        return Files.readString(journal).lines().filter(l -> l.contains("\"finish\"")).count();
    }
}
