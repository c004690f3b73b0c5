package animerec.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.util.UserError;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyTest {
    @TempDir
    Path tmp;

    static SearchSpace space() throws Exception {
        return SearchSpace.parse("test", "m", new ObjectMapper().readTree(
                "{\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1}, \"c\": {\"type\": \"categorical\", \"choices\": [\"a\", \"b\"]},"
                        + " \"n\": {\"type\": \"int\", \"low\": 10, \"high\": 50, \"step\": 10}, \"f\": {\"type\": \"fixed\", \"value\": 7}}"));
    }

    /** Peaks at x = 0.3 and c = b; trial 2 throws. */
    private static final Study.Objective OBJECTIVE = (number, p, r) -> {
        if (number == 2) {
            throw new IllegalStateException("boom in trial 2");
        }
        double x = Double.parseDouble(p.get("x"));
        return new double[] {-(x - 0.3) * (x - 0.3) + (p.get("c").equals("b") ? 0.1 : 0), Double.parseDouble(p.get("n"))};
    };

    @Test
    void failuresAreRecordedAndAResumedStudyEqualsAnUninterruptedOne() throws Exception {
        SearchSpace s = space();
        Study whole = new Study("whole", Files.createDirectories(tmp.resolve("whole")),
                new TpeSampler(s, SmileSampler.random(s, 5, 12), 4, 24, 5), 12, 0);
        List<Trial> all = whole.run(OBJECTIVE, false, t -> { });
        assertEquals(12, all.size());
        assertEquals(Trial.State.FAIL, all.get(2).state());
        assertEquals("boom in trial 2", all.get(2).message());
        for (Trial t : all) {
            assertEquals("7", t.params().get("f"), "fixed values are passed through");
            assertTrue(List.of("10", "20", "30", "40", "50").contains(t.params().get("n")), t.params().toString());
        }

        // the same study stopped after 5 trials (as if killed), then resumed to 12
        Path dir = Files.createDirectories(tmp.resolve("split"));
        new Study("split", dir, new TpeSampler(s, SmileSampler.random(s, 5, 12), 4, 24, 5), 5, 0).run(OBJECTIVE, false, t -> { });
        // a trial that started but never finished, and a torn last line, as a SIGKILL leaves them
        Files.writeString(dir.resolve("journal.jsonl"), "{\"event\":\"start\",\"trial\":5,\"params\":{}}\n{\"event\":\"fini",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        UserError exists = assertThrows(UserError.class, () ->
                new Study("split", dir, new TpeSampler(s, SmileSampler.random(s, 5, 12), 4, 24, 5), 12, 0).run(OBJECTIVE, false, t -> { }));
        assertTrue(exists.getMessage().contains("--resume"), exists.getMessage());
        List<Trial> resumed = new Study("split", dir, new TpeSampler(s, SmileSampler.random(s, 5, 12), 4, 24, 5), 12, 0)
                .run(OBJECTIVE, true, t -> { });
        assertEquals(12, resumed.size());
        for (int i = 0; i < 12; i++) {
            assertEquals(i, resumed.get(i).number());
            assertEquals(all.get(i).params(), resumed.get(i).params(), "trial " + i);
            assertEquals(all.get(i).value(), resumed.get(i).value(), 0.0, "trial " + i);
        }
        long finishes = Files.readAllLines(dir.resolve("journal.jsonl")).stream().filter(l -> l.contains("\"finish\"")).count();
        assertEquals(12, finishes, "each finished trial once in the journal");
    }

    @Test
    void tpeBeatsRandomOnASmoothObjectiveAveragedOverSeeds() throws Exception {
        SearchSpace s = SearchSpace.parse("test", "m", new ObjectMapper().readTree(
                "{\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1}, \"y\": {\"type\": \"float\", \"low\": 0.001, \"high\": 1, \"log\": true}}"));
        Study.Objective f = (n, p, r) -> {
            double x = Double.parseDouble(p.get("x"));
            double y = Math.log10(Double.parseDouble(p.get("y")));
            return new double[] {-(x - 0.7) * (x - 0.7) - 0.1 * (y + 2) * (y + 2), 0};
        };
        double tpe = 0;
        double random = 0;
        for (long seed = 1; seed <= 8; seed++) {
            Path a = Files.createDirectories(tmp.resolve("tpe" + seed));
            Path b = Files.createDirectories(tmp.resolve("random" + seed));
            tpe += Study.best(new Study("t", a, new TpeSampler(s, SmileSampler.random(s, seed, 40), 10, 24, seed), 40, 0)
                    .run(f, false, t -> { })).value();
            random += Study.best(new Study("r", b, SmileSampler.random(s, seed, 40), 40, 0).run(f, false, t -> { })).value();
        }
        System.out.println("mean best of 40 trials over 8 seeds: tpe " + tpe / 8 + ", random " + random / 8);
        assertTrue(tpe / 8 > random / 8, "mean best: tpe " + tpe / 8 + " vs random " + random / 8);
    }

    @Test
    void theMedianPrunerStopsTrialsBelowTheMedianOfCompletedOnes() throws Exception {
        SearchSpace s = space();
        // each trial reports x at steps 1..4; the final value is x too
        Study.Objective stepwise = (n, p, r) -> {
            double x = Double.parseDouble(p.get("x"));
            for (int step = 1; step <= 4; step++) {
                r.report(step, x);
            }
            return new double[] {x, 0};
        };
        List<Trial> all = new Study("p", Files.createDirectories(tmp.resolve("pruned")), SmileSampler.random(s, 9, 20), 20, 0,
                new MedianPruner(5, 1)).run(stepwise, false, t -> { });
        long pruned = all.stream().filter(t -> t.state() == Trial.State.PRUNED).count();
        assertTrue(pruned > 0, "something pruned");
        for (Trial t : all) {
            if (t.state() == Trial.State.PRUNED) {
                assertTrue(t.number() >= 5, "no pruning before 5 completed trials");
                assertEquals(2, t.steps().get(t.steps().size() - 1), "pruned at the first step after warm-up");
                java.util.List<Double> earlier = all.stream().filter(o -> o.number() < t.number() && o.state() == Trial.State.COMPLETE)
                        .map(Trial::value).sorted().toList();
                double median = earlier.size() % 2 == 1 ? earlier.get(earlier.size() / 2)
                        : (earlier.get(earlier.size() / 2 - 1) + earlier.get(earlier.size() / 2)) / 2;
                assertTrue(t.value() < median, t + " vs median " + median);
            }
        }
        assertEquals(all.stream().filter(t -> t.state() == Trial.State.COMPLETE).mapToDouble(Trial::value).max().getAsDouble(),
                Study.best(all).value(), 0.0);
    }

    @Test
    void parallelRandomTrialsEqualSequentialOnesAndTpeRefusesParallelism() throws Exception {
        SearchSpace s = space();
        Study.Objective slowish = (n, p, r) -> {
            Thread.sleep(5 + (n * 7) % 11); // finish out of order
            return OBJECTIVE.evaluate(n == 2 ? 3 : n, p, r);
        };
        List<Trial> sequential = new Study("seq", Files.createDirectories(tmp.resolve("seq")), SmileSampler.random(s, 4, 16), 16, 0)
                .run(slowish, false, t -> { }, 1);
        List<Trial> parallel = new Study("par", Files.createDirectories(tmp.resolve("par")), SmileSampler.random(s, 4, 16), 16, 0)
                .run(slowish, false, t -> { }, 4);
        assertEquals(16, parallel.size());
        for (int i = 0; i < 16; i++) {
            assertEquals(sequential.get(i).params(), parallel.get(i).params());
            assertEquals(sequential.get(i).value(), parallel.get(i).value(), 0.0);
        }
        UserError e = assertThrows(UserError.class, () -> new Study("tpe", Files.createDirectories(tmp.resolve("tpe")),
                new TpeSampler(s, SmileSampler.random(s, 4, 16), 4, 24, 4), 16, 0).run(slowish, false, t -> { }, 2));
        assertTrue(e.getMessage().contains("random or grid"), e.getMessage());
    }

    @Test
    void gammaIsOptunas() {
        assertEquals(1, TpeSampler.gamma(10));
        assertEquals(2, TpeSampler.gamma(11));
        assertEquals(10, TpeSampler.gamma(100));
        assertEquals(25, TpeSampler.gamma(1000));
    }

    @Test
    void searchSpaceErrorsNameTheField() {
        UserError e = assertThrows(UserError.class, () -> SearchSpace.parse("svd.yaml", "svd",
                new ObjectMapper().readTree("{\"lr\": {\"type\": \"float\", \"low\": 0.1, \"high\": 0.01}}")));
        assertTrue(e.getMessage().contains("svd.yaml: params.lr"), e.getMessage());
        UserError k = assertThrows(UserError.class, () -> SearchSpace.parse("svd.yaml", "svd",
                new ObjectMapper().readTree("{\"lr\": {\"type\": \"float\", \"low\": 0.01, \"hgh\": 0.1}}")));
        assertTrue(k.getMessage().contains("params.lr.hgh"), k.getMessage());
    }
}
