package animerec.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.catalog.ModelCatalog;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnqueuedSamplerTest {
    @TempDir
    Path tmp;

    /** StudyTest's space: x float [0, 1], c in {a, b}, n int 10..50 step 10, f fixed at 7. */
    private static SearchSpace space() throws Exception {
        return StudyTest.space();
    }

    private static final Study.Objective OBJECTIVE = (number, p, r) -> {
        double x = Double.parseDouble(p.get("x"));
        return new double[] {-(x - 0.3) * (x - 0.3) + (p.get("c").equals("b") ? 0.1 : 0), Double.parseDouble(p.get("n"))};
    };

    @Test
    void queuedSettingsRunFirstAndTheSamplersOwnSequenceFollowsUnchanged() throws Exception {
        SearchSpace s = space();
        List<Map<String, String>> queue = EnqueuedSampler.parse(List.of("x=0.3,c=b,n=20", "n=50, c=a, x=1"), s, Map.of());
        Sampler plain = SmileSampler.random(s, 3, 10);
        EnqueuedSampler q = new EnqueuedSampler(s, queue, SmileSampler.random(s, 3, 10));
        assertEquals(2, q.size());
        assertEquals(Map.of("x", "0.3", "c", "b", "n", "20", "f", "7"), q.sample(0, List.of()), "the fixed value is added");
        assertEquals(List.of("x", "c", "n", "f"), List.copyOf(q.sample(1, List.of()).keySet()), "in the space's order");
        assertEquals("1.0", q.sample(1, List.of()).get("x"), "floats are written the way the samplers write them");
        for (int n = 2; n < 10; n++) {
            assertEquals(plain.sample(n - 2, List.of()), q.sample(n, List.of()), "trial " + n);
        }
        assertTrue(q.independent(), "random stays independent, so --parallel still works");
    }

    @Test
    void aStudyRunsTheQueuedTrialAndTpeLearnsFromIt() throws Exception {
        SearchSpace s = space();
        List<Map<String, String>> queue = EnqueuedSampler.parse(List.of("x=0.3,c=b,n=30"), s, Map.of());
        Study study = new Study("q", Files.createDirectories(tmp.resolve("q")),
                new EnqueuedSampler(s, queue, new TpeSampler(s, SmileSampler.random(s, 5, 12), 4, 24, 5)), 12, 0);
        List<Trial> all = study.run(OBJECTIVE, false, t -> { });
        assertEquals(12, all.size(), "the queued trial counts in --trials");
        assertEquals(Map.of("x", "0.3", "c", "b", "n", "30", "f", "7"), all.get(0).params());
        assertEquals(0.1, all.get(0).value(), 1e-12, "the queued setting is the objective's peak");
        assertEquals(0, Study.best(all).number(), "nothing sampled beats the peak, so the queued trial stays best");

        // resumed, the queued trial is not run again and the rest are what the uninterrupted study drew
        Path dir = Files.createDirectories(tmp.resolve("part"));
        new Study("part", dir, new EnqueuedSampler(s, queue, new TpeSampler(s, SmileSampler.random(s, 5, 12), 4, 24, 5)), 6, 0)
                .run(OBJECTIVE, false, t -> { });
        List<Trial> resumed = new Study("part", dir,
                new EnqueuedSampler(s, queue, new TpeSampler(s, SmileSampler.random(s, 5, 12), 4, 24, 5)), 12, 0)
                .run(OBJECTIVE, true, t -> { });
        for (int i = 0; i < 12; i++) {
            assertEquals(all.get(i).params(), resumed.get(i).params(), "trial " + i);
        }
    }

    @Test
    void defaultsAreTheModelsDefaultsForTheSearchedParameters() throws Exception {
        SearchSpace als = SearchSpace.parse("als.yaml", "als", new ObjectMapper().readTree(
                "{\"rank\": {\"type\": \"int\", \"low\": 16, \"high\": 128, \"step\": 16},"
                        + " \"alpha\": {\"type\": \"float\", \"low\": 0.05, \"high\": 20, \"log\": true},"
                        + " \"implicit_prefs\": {\"type\": \"fixed\", \"value\": true}}"));
        Map<String, String> defaults = ModelCatalog.get("als").params(Map.of()).asStrings();
        List<Map<String, String>> queue = EnqueuedSampler.parse(List.of("defaults"), als, defaults);
        assertEquals(Map.of("rank", defaults.get("rank"), "alpha", defaults.get("alpha"), "implicit_prefs", "true"), queue.get(0),
                "the searched parameters at the model's defaults, the fixed one at the space's value");
        Map<String, String> first = new EnqueuedSampler(als, queue, SmileSampler.random(als, 1, 2)).sample(0, List.of());
        assertEquals(Map.of("rank", "64", "alpha", "0.5", "implicit_prefs", "true"), first);
    }

    @Test
    void settingsOutsideTheSpaceAreErrorsNamingTheParameter() throws Exception {
        SearchSpace s = space();
        for (String[] bad : new String[][] {
                {"x=0.3,c=b", "no value for the searched parameter 'n'"},
                {"x=0.3,c=b,n=20,y=1", "'y' is not a parameter"},
                {"x=1.5,c=b,n=20", "x=1.5 is outside the range"},
                {"x=0.3,c=z,n=20", "c=z is not one of the choices"},
                {"x=0.3,c=b,n=2.5", "n=2.5 is not an integer"},
                {"x=0.3,c=b,n=60", "n=60 is outside the range"},
                {"x=0.3,c=b,n=25", "n=25 is not on the range's step: 10, 20, ... (step 10)"},
                {"x=0.3,x=0.9,c=b,n=20", "'x' is given twice"},
                {"x=0.3,c=b,n=20,", "'' is not name=value"},
                {"x0.3", "'x0.3' is not name=value"},
                {"x=0.3,c=b,n=20,f=8", "f is fixed at 7"}}) {
            UserError e = assertThrows(UserError.class, () -> EnqueuedSampler.parse(List.of(bad[0]), s, Map.of()), bad[0]);
            assertTrue(e.getMessage().contains(bad[1]) && e.getMessage().startsWith("--enqueue '" + bad[0] + "'"),
                    e.getMessage());
        }
        // the same checks guard a queue built in code
        UserError direct = assertThrows(UserError.class, () -> new EnqueuedSampler(s,
                List.of(Map.of("x", "0.3", "c", "b", "n", "35")), SmileSampler.random(s, 1, 2)));
        assertTrue(direct.getMessage().startsWith("enqueued trial 0: n=35 is not on the range's step"), direct.getMessage());
        // a fixed value may be given as the same number, and the order and spacing of the pairs do not matter
        EnqueuedSampler a = new EnqueuedSampler(s, EnqueuedSampler.parse(List.of("n=20,f=7.0,c=b,x=0.30"), s, Map.of()),
                SmileSampler.random(s, 1, 2));
        EnqueuedSampler b = new EnqueuedSampler(s, EnqueuedSampler.parse(List.of("x=0.3, c=b, n=20"), s, Map.of()),
                SmileSampler.random(s, 1, 2));
        assertEquals("x=0.3,c=b,n=20,f=7", a.describe());
        assertEquals(a.describe(), b.describe(), "what study.json records, so --resume accepts the same setting retyped");
    }

    @Test
    void aDefaultOutsideTheSpaceIsAnErrorThatSaysItIsTheDefault() throws Exception {
        SearchSpace als = SearchSpace.parse("als.yaml", "als", new ObjectMapper().readTree(
                "{\"alpha\": {\"type\": \"float\", \"low\": 1, \"high\": 20, \"log\": true}}"));
        UserError e = assertThrows(UserError.class,
                () -> EnqueuedSampler.parse(List.of("defaults"), als, Map.of("alpha", "0.5")));
        assertTrue(e.getMessage().startsWith("--enqueue defaults, the als model's default: alpha=0.5 is outside the range"),
                e.getMessage());
    }

    @Test
    void theWrappedSamplerGetsItsOwnTrialNumberAndEveryFinishedTrial() throws Exception {
        SearchSpace s = space();
        List<Integer> numbers = new java.util.ArrayList<>();
        List<List<Trial>> seen = new java.util.ArrayList<>();
        Sampler recording = (number, finished) -> { // not independent, like TPE
            numbers.add(number);
            seen.add(finished);
            return Map.of("x", "0.5", "c", "a", "n", "10", "f", "7");
        };
        EnqueuedSampler q = new EnqueuedSampler(s,
                EnqueuedSampler.parse(List.of("x=0.3,c=b,n=20", "x=0.1,c=a,n=40"), s, Map.of()), recording);
        assertTrue(!q.independent());
        List<Trial> finished = List.of(
                new Trial(0, q.sample(0, List.of()), Trial.State.COMPLETE, 0.1, 0, List.of(), List.of(), 1, ""),
                new Trial(1, q.sample(1, List.of()), Trial.State.COMPLETE, 0.2, 0, List.of(), List.of(), 1, ""));
        assertTrue(numbers.isEmpty(), "queued trials do not consult the sampler");
        q.sample(2, finished);
        q.sample(5, finished);
        assertEquals(List.of(0, 3), numbers, "trial n is the sampler's trial n - 2");
        assertEquals(List.of(finished, finished), seen, "the queued trials are among the finished ones it learns from");
    }
}
