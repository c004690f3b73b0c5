package animerec.tune;

import java.util.List;
import java.util.Map;

/** Chooses the parameters of trial {@code number} from the finished trials; deterministic for a seed. */
public interface Sampler {
    Map<String, String> sample(int number, List<Trial> finished);

    /** Whether trial n's parameters depend only on n (not on finished trials), so trials can run concurrently. */
    default boolean independent() {
        return false;
    }
}
