package animerec.artifact;

import animerec.model.Param;
import animerec.model.ParamMap;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Test helper run in a separate JVM: registers model versions in a loop, each written slowly in several
 * files, until the test kills it with SIGKILL at a random moment ({@code ROOT}), or {@code COUNT} times under
 * the name {@code NAME} ({@code ROOT COUNT NAME}, for concurrent writers).
 */
public final class RegistryWriterMain {
    private RegistryWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        String root = args[0];
        int count = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
        String name = args.length > 2 ? args[2] : "slow";
        Configuration conf = new Configuration();
        ModelRegistry registry = new ModelRegistry(conf, root);
        Param<Integer> size = Param.intParam("size", "files per model", 5, 1, 100);
        for (int i = 0; i < count; i++) {
            ParamMap params = ParamMap.of("slow", List.of(size), Map.of("size", String.valueOf(1 + i % 3)));
            ObjectNode entry = registry.register(name, "slow", params, new Provenance(i, "fp", "train", "split-x", null, 0.1),
                    dir -> writeSlowly(conf, dir, 4));
            // many small manifest rewrites too, so the kill can land inside one
            registry.recordMetrics(name, entry.path("version").asText(), Map.of("ndcg@10", i / 100.0));
            System.out.println("registered " + i);
            System.out.flush();
        }
    }

    private static void writeSlowly(Configuration conf, String dir, int files) {
        try {
            FileSystem fs = new Path(dir).getFileSystem(conf);
            for (int f = 0; f < files; f++) {
                try (OutputStream out = fs.create(new Path(dir, "part-" + f))) {
                    for (int chunk = 0; chunk < 20; chunk++) {
                        out.write(("model bytes " + chunk + "\n").repeat(200).getBytes(StandardCharsets.UTF_8));
                    }
                }
                Thread.sleep(5);
            }
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
