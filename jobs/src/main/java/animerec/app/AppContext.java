package animerec.app;

import animerec.artifact.ModelRegistry;
import animerec.config.AnimerecConfig;
import animerec.eval.ModelEvaluation;
import animerec.eval.Relevance;
import animerec.eval.UserSet;
import animerec.spark.SparkSessions;
import animerec.util.FileAccess;
import animerec.spark.Verbosity;
import animerec.util.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.SparkSession;

/**
 * What the services need from the command line: the loaded config, the Spark master, the extra Spark settings and the
 * verbosity (--quiet, --verbose) the session starts with.
 */
public final class AppContext {
    private final AnimerecConfig config;
    private final String master;
    private final Map<String, String> sparkConf;
    private final Verbosity verbosity;

    /** {@code sparkConf} is kept (not copied): a service may add settings before the session starts. */
    public AppContext(AnimerecConfig config, String master, Map<String, String> sparkConf, Verbosity verbosity) {
        this.config = config;
        this.master = master;
        this.sparkConf = sparkConf;
        this.verbosity = verbosity;
    }

    /** With the default verbosity. */
    public AppContext(AnimerecConfig config, String master, Map<String, String> sparkConf) {
        this(config, master, sparkConf, Verbosity.NORMAL);
    }

    /** Whether the Spark master a session would get ({@link SparkSessions#effectiveMaster}) is local. */
    public boolean localMaster() {
        return SparkSessions.effectiveMaster(master, sparkSettings()).startsWith("local");
    }

    /** The Spark settings a session starts with: the config's {@code spark} section, then --conf over it. */
    private Map<String, String> sparkSettings() {
        Map<String, String> conf = new LinkedHashMap<>(config.spark);
        conf.putAll(sparkConf);
        return conf;
    }

    public Verbosity verbosity() {
        return verbosity;
    }

    public AnimerecConfig config() {
        return config;
    }

    /** The same master and Spark settings with another config (a command's overrides, {@link AnimerecConfig#with}). */
    public AppContext withConfig(AnimerecConfig other) {
        return new AppContext(other, master, sparkConf, verbosity);
    }

    public long seed() {
        return config.seed;
    }

    public JsonNode configJson() {
        return Json.MAPPER.valueToTree(config);
    }

    /** Sets a Spark setting unless the command line or config set it (before the session starts). */
    public void sparkConfIfAbsent(String key, String value) {
        sparkConf.putIfAbsent(key, value);
    }

    /** A Spark setting as the session would see it (--conf, the config's spark section, spark-submit's), or null. */
    public String sparkSetting(String key) {
        String v = sparkConf.get(key);
        if (v == null) {
            v = config.spark.get(key);
        }
        return v != null ? v : System.getProperty(key);
    }

    public SparkSession spark(String app) {
        return SparkSessions.getOrCreate(app, master, sparkSettings(), verbosity);
    }

    /**
     * The Hadoop configuration Spark would use (core-site.xml and friends, plus spark.hadoop.* from spark-submit,
     * the config's spark section and --conf), for file work before or without a SparkSession.
     */
    public Configuration hadoopConfiguration() {
        scala.Option<SparkSession> existing = SparkSession.getDefaultSession();
        if (existing.isDefined()) {
            return existing.get().sparkContext().hadoopConfiguration();
        }
        SparkConf conf = new SparkConf(true);
        config.spark.forEach(conf::set);
        sparkConf.forEach(conf::set);
        return SparkHadoopUtil.get().newConfiguration(conf);
    }

    public ModelRegistry registry(SparkSession spark) {
        return new ModelRegistry(spark.sparkContext().hadoopConfiguration(), config.paths.artifacts);
    }

    /** The registry at {@code paths.artifacts} for reading without a SparkSession (models list, models show). */
    public ModelRegistry registry() {
        return new ModelRegistry(files(), config.paths.artifacts);
    }

    /** File access without a SparkSession: local paths through java.nio ({@link #plainLocal}), others through Hadoop. */
    public FileAccess files() {
        return new FileAccess(this::plainLocal, this::hadoopConfiguration);
    }

    /**
     * {@code path} as a local file when that needs no Hadoop configuration to tell, else null: a {@code file:} URI, or
     * a path without a scheme when nothing makes Hadoop's default file system another one (no core-site.xml or
     * hdfs-site.xml on the class path, no spark.hadoop.fs.defaultFS, no session yet). This saves starting Hadoop.
     */
    public java.nio.file.Path plainLocal(String path) {
        URI uri = new org.apache.hadoop.fs.Path(path).toUri();
        if ("file".equals(uri.getScheme())) {
            return java.nio.file.Path.of(uri.getPath());
        }
        if (uri.getScheme() != null) {
            return null;
        }
        if (SparkSession.getDefaultSession().isDefined()) { // a session's own Hadoop configuration tells
            String fs = SparkSession.getDefaultSession().get().sparkContext().hadoopConfiguration().get("fs.defaultFS", "file:///");
            return fs.startsWith("file:") ? java.nio.file.Path.of(path) : null;
        }
        if (sparkSetting("spark.hadoop.fs.defaultFS") != null) {
            return null;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader.getResource("core-site.xml") != null || loader.getResource("hdfs-site.xml") != null) {
            return null;
        }
        return java.nio.file.Path.of(path);
    }

    public ExperimentLog experimentLog(SparkSession spark) {
        return new ExperimentLog(spark.sparkContext().hadoopConfiguration(), config.paths.experiments);
    }

    /** The evaluation settings of the config, with {@code ksOverride} (when not null) as the cut-offs. */
    public ModelEvaluation.Settings evaluation(int[] ksOverride) {
        return new ModelEvaluation.Settings(ksOverride != null ? ksOverride : config.ks(),
                Relevance.parse(config.evaluation.relevance), UserSet.parse(config.evaluation.users),
                config.evaluation.curveK);
    }
}
