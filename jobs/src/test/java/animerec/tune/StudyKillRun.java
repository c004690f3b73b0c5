package animerec.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;

/**
 * Run in its own JVM by {@link StudyKillTest}: a TPE study of {@code args[1]} trials in folder {@code args[0]}
 * whose trials each take about {@code args[2]} ms (then {@code --resume} when {@code args[3]} is "resume").
 */
public final class StudyKillRun {
    private StudyKillRun() {
    }

    static Study study(Path dir, int trials) throws Exception {
        SearchSpace s = SearchSpace.parse("kill-test", "m", new ObjectMapper().readTree(
                "{\"x\": {\"type\": \"float\", \"low\": 0, \"high\": 1}, \"n\": {\"type\": \"int\", \"low\": 1, \"high\": 9}}"));
        return new Study("kill", dir, new TpeSampler(s, SmileSampler.random(s, 3, trials), 3, 24, 3), trials, 0);
    }

    static Study.Objective objective(long millis) {
        return (number, p, r) -> {
            Thread.sleep(millis);
            double x = Double.parseDouble(p.get("x"));
            return new double[] {-Math.abs(x - 0.5), Double.parseDouble(p.get("n"))};
        };
    }

    public static void main(String[] args) throws Exception {
        study(Path.of(args[0]), Integer.parseInt(args[1]))
                .run(objective(Long.parseLong(args[2])), args.length > 3 && args[3].equals("resume"), t -> { });
    }
}
