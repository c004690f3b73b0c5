package animerec.cli;

import animerec.artifact.ModelRegistry;
import animerec.config.AnimerecConfig;
import animerec.eval.ExperimentLog;
import animerec.eval.ModelEvaluation;
import animerec.eval.Relevance;
import animerec.eval.UserSet;
import animerec.spark.SparkSessions;
import animerec.util.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** Options every Spark command takes: configuration, master, Spark settings and output roots. */
public final class CommonOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration (see conf/animerec.yaml); built-in defaults when absent")
    Path config;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark.master from spark-submit, else local[*])")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "extra Spark setting (repeatable)")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    @Option(names = "--artifacts", paramLabel = "DIR", description = "artifact root (default: paths.artifacts)")
    String artifacts;

    @Option(names = "--experiments", paramLabel = "DIR", description = "experiment records (default: paths.experiments)")
    String experiments;

    @Option(names = "--seed", description = "seed for every random choice (default: seed from config, 42)")
    Long seed;

    private AnimerecConfig loaded;

    AnimerecConfig config() {
        if (loaded == null) {
            loaded = config == null ? AnimerecConfig.defaults() : AnimerecConfig.load(config);
            if (seed != null) {
                loaded.seed = seed;
            }
            if (artifacts != null) {
                loaded.paths.artifacts = artifacts;
            }
            if (experiments != null) {
                loaded.paths.experiments = experiments;
            }
        }
        return loaded;
    }

    JsonNode configJson() {
        return Json.MAPPER.valueToTree(config());
    }

    SparkSession spark(String app) {
        Map<String, String> conf = new LinkedHashMap<>(config().spark);
        conf.putAll(sparkConf);
        return SparkSessions.getOrCreate(app, master, conf);
    }

    /**
     * The Hadoop configuration Spark would use (core-site.xml and friends, plus spark.hadoop.* from spark-submit,
     * the config's spark section and --conf), for file work before or without a SparkSession.
     */
    Configuration hadoopConfiguration() {
        scala.Option<SparkSession> existing = SparkSession.getDefaultSession();
        if (existing.isDefined()) {
            return existing.get().sparkContext().hadoopConfiguration();
        }
        SparkConf conf = new SparkConf(true);
        config().spark.forEach(conf::set);
        sparkConf.forEach(conf::set);
        return SparkHadoopUtil.get().newConfiguration(conf);
    }

    ModelRegistry registry(SparkSession spark) {
        return new ModelRegistry(spark.sparkContext().hadoopConfiguration(), config().paths.artifacts);
    }

    ExperimentLog experimentLog(SparkSession spark) {
        return new ExperimentLog(spark.sparkContext().hadoopConfiguration(), config().paths.experiments);
    }

    ModelEvaluation.Settings evaluation(int[] ksOverride) {
        AnimerecConfig c = config();
        return new ModelEvaluation.Settings(ksOverride != null ? ksOverride : c.ks(),
                Relevance.parse(c.evaluation.relevance), UserSet.parse(c.evaluation.users));
    }
}
