package animerec.tune;

import java.util.List;
import java.util.Map;

/** Chooses the parameters of trial {@code number} from the finished trials; deterministic for a seed. */
public interface Sampler {
    Map<String, String> sample(int number, List<Trial> finished);
}
