package animerec.testing;

import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.serving.SavedModel;
import animerec.model.serving.Servable;
import animerec.model.serving.ServingModel;
import animerec.util.FileAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** A fitted model as {@code animerec serve} holds it: saved, then read back by its family without Spark. */
public final class Served {
    private Served() {
    }

    public static ServingModel saveAndServe(Recommender family, RecommenderModel model) {
        String path;
        try {
            path = Files.createTempDirectory("animerec-served-").resolve("model").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        model.save(path);
        // through Hadoop's file system here (serve reads local paths through java.nio): both ways are exercised
        FileAccess files = FileAccess.hadoop(SparkTestSupport.spark().sparkContext().hadoopConfiguration());
        return ((Servable) family).serving(new SavedModel(files, path), model.params());
    }
}
