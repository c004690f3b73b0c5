package animerec.serve;

import animerec.model.serving.ServingModel;

/** One registry version held in memory: its name, version, family, the training table its lists are relative to. */
public record ServedModel(String name, String version, String family, ServingModel model, Histories train) {
    /** {@code name@version}. */
    public String key() {
        return name + "@" + version;
    }
}
