package animerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import animerec.artifact.RootLock;
import animerec.testing.SparkTestSupport;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roots on HDFS, on a real (in-process) NameNode and DataNode: the locks' atomic create, and a whole pipeline
 * whose root, artifacts and experiments are hdfs:// URIs (Spark writes the step outputs there).
 */
class HdfsRootsTest {
    private static MiniDFSCluster hdfs;
    private static String base;
    private static Configuration conf;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Configuration c = new Configuration();
        c.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.toString());
        hdfs = new MiniDFSCluster.Builder(c).numDataNodes(1).build();
        hdfs.waitActive();
        conf = hdfs.getConfiguration(0);
        base = hdfs.getFileSystem().getUri().toString(); // hdfs://localhost:port
    }

    @AfterAll
    static void stop() {
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    @Test
    void theLocksWorkOnHdfs() {
        String root = base + "/locks";
        try (RootLock first = RootLock.claim(conf, root)) {
            UserError e = assertThrows(UserError.class, () -> RootLock.claim(conf, root));
            assertTrue(e.getMessage().contains("another pipeline run holds"), e.getMessage());
            assertTrue(HadoopFiles.exists(conf, root + "/" + RootLock.PIPELINE));
        }
        assertFalse(HadoopFiles.exists(conf, root + "/" + RootLock.PIPELINE), "released");
        try (RootLock m = RootLock.await(conf, root, RootLock.MANIFEST, Duration.ofSeconds(5))) {
            assertThrows(UserError.class, () -> RootLock.await(conf, root, RootLock.MANIFEST, Duration.ofMillis(300)));
        }
    }

    @Test
    void aPipelineRunsWithEveryRootOnHdfs(@TempDir Path tmp) throws Exception {
        var spark = SparkTestSupport.spark();
        String pipe = base + "/pipeline";
        Path config = pipelineConfig(tmp,
                "seed: 5",
                "evaluation: {k: [10]}",
                "pipeline:",
                "  data: {generate: {users: 80, items: 40, interactions: 1500}}",
                "  train: [popularity]");
        List<String> args = List.of("pipeline", "--config", config.toString(), "--root", pipe,
                "--artifacts", base + "/artifacts", "--experiments", base + "/experiments");
        CliRunner.Result first = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, first.exitCode(), first.out() + first.err());
        assertEquals(4, first.out().lines().filter(l -> l.contains("\"status\":\"done\"")).count(), first.out());

        // everything landed on HDFS: state, report, step outputs, the registry; no lock left
        Configuration sparkConf = spark.sparkContext().hadoopConfiguration();
        JsonNode report = Json.MAPPER.readTree(HadoopFiles.readString(sparkConf, pipe + "/report.json"));
        assertTrue(report.path("models").path("popularity").path("metrics").has("ndcg@10"), report.toString());
        assertTrue(HadoopFiles.exists(sparkConf, pipe + "/split/train"));
        JsonNode manifest = Json.MAPPER.readTree(HadoopFiles.readString(sparkConf, base + "/artifacts/manifest.json"));
        assertEquals(1, manifest.path("models").size());
        // paths relative to the root (issue 19): a copy of the root elsewhere on HDFS loads and recommends
        assertEquals("models/popularity/v1.0", manifest.path("models").get(0).path("path").asText(), manifest.toString());
        assertTrue(HadoopFiles.exists(sparkConf, base + "/artifacts/models/popularity/v1.0/metadata.json"));
        org.apache.hadoop.fs.FileSystem fs = new org.apache.hadoop.fs.Path(base).getFileSystem(sparkConf);
        org.apache.hadoop.fs.FileUtil.copy(fs, new org.apache.hadoop.fs.Path(base + "/artifacts"), fs,
                new org.apache.hadoop.fs.Path(base + "/artifacts-copy"), false, sparkConf);
        CliRunner.Result recs = CliRunner.run("recommend", "--model", "popularity", "--users", "1", "--k", "3",
                "--artifacts", base + "/artifacts-copy");
        assertEquals(0, recs.exitCode(), recs.out() + recs.err());
        assertEquals(3, recs.out().lines().filter(l -> l.startsWith("1,")).count(), recs.out());
        assertFalse(HadoopFiles.exists(sparkConf, pipe + "/" + RootLock.PIPELINE));
        assertFalse(Files.exists(Path.of("hdfs:")), "nothing was written to a local folder named after the URI");

        CliRunner.Result second = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, second.exitCode(), second.out() + second.err());
        assertEquals(4, second.out().lines().filter(l -> l.contains("\"status\":\"skipped\"")).count(), second.out());
    }

    /** Tuning studies keep a local journal: a pipeline with a tune step and hdfs:// experiments is refused up front. */
    @Test
    void tuningStudiesOnHdfsAreRefusedBeforeAnyStep(@TempDir Path tmp) throws Exception {
        Path config = pipelineConfig(tmp,
                "split: {validation_ratio: 0.2}",
                "pipeline:",
                "  train: [popularity]",
                "  tune: [{model: item-knn, trials: 2}]");
        String pipe = base + "/refused";
        CliRunner.Result r = CliRunner.run("pipeline", "--config", config.toString(), "--root", pipe,
                "--artifacts", base + "/refused-artifacts", "--experiments", base + "/refused-experiments");
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("tuning studies are kept in a local folder"), r.err());
        assertFalse(HadoopFiles.exists(conf, pipe), "no step ran");
    }

    private static Path pipelineConfig(Path dir, String... lines) throws java.io.IOException {
        return Files.writeString(dir.resolve("pipeline.yaml"), String.join("\n", lines) + "\n");
    }
}
