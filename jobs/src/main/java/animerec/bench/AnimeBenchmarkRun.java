package animerec.bench;

import animerec.app.AppContext;
import animerec.catalog.ModelCatalog;
import animerec.data.ingest.Ingest;
import animerec.data.ingest.InteractionLineParser;
import animerec.data.ingest.ItemLineParser;
import animerec.data.ingest.RatingRules;
import animerec.split.SplitData;
import animerec.split.SplitJob;
import animerec.split.SplitSettings;
import animerec.util.HadoopFiles;
import animerec.util.Json;
import animerec.util.UserError;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * The anime benchmark run ({@code bench-anime}): ingests SHARED/anime-kaggle-5k, makes the seeded 75/25 split with a
 * 20% validation carve-out, scores every asked-for model (and, with a peers bundle, the peers tuned on validation) and
 * merges the rows into the results JSON as it goes.
 *
 * @param models     model specs ({@link BenchVariant}); null = every registered model
 * @param peers      the peers bundle folder (with bin/peer-bench); null = no peers
 * @param peerModels which peers; null = every one in {@link AnimeBenchmark#PEER_GRIDS}
 */
public record AnimeBenchmarkRun(String shared, List<String> models, String peers, List<String> peerModels, String work,
                                String out, boolean validation) {
    public void run(AppContext ctx) throws Exception {
        List<BenchVariant> variants = (models == null ? ModelCatalog.names() : models).stream().map(BenchVariant::parse).toList();
        List<String> peerList = peerModels == null ? List.copyOf(AnimeBenchmark.PEER_GRIDS.keySet()) : peerModels;
        for (String p : peerList) {
            if (!AnimeBenchmark.PEER_GRIDS.containsKey(p)) {
                throw new UserError("--peer-models: unknown peer '" + p + "' (expected " + String.join(", ", AnimeBenchmark.PEER_GRIDS.keySet()) + ")");
            }
        }
        PeerBench peerBench = peers == null ? null : new PeerBench(peers);
        String input = HadoopFiles.child(shared, "anime-kaggle-5k");
        if (!Files.exists(Path.of(input, "rating.csv"))) {
            throw new UserError(input + ": no rating.csv (pass --shared DIR with anime-kaggle-5k/)");
        }
        SparkSession spark = ctx.spark("animerec bench-anime");
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        long t0 = System.nanoTime();
        String dataDir = HadoopFiles.child(work, "data");
        HadoopFiles.delete(conf, dataDir);
        Ingest.run(spark, new Ingest.Source(HadoopFiles.child(input, "rating.csv"), "UTF-8",
                        InteractionLineParser.byName(',', "user_id", "anime_id", "rating", null, new RatingRules(1, 10, -1.0, true))),
                new Ingest.Source(HadoopFiles.child(input, "anime.csv"), "UTF-8", ItemLineParser.withHeader(',')), dataDir);
        String splitDir = HadoopFiles.child(work, "split");
        SplitData split = SplitJob.run(spark, SplitSettings.of(ctx.config(), "random", 0.25, 0.2),
                SplitJob.Source.dataset(dataDir), splitDir);
        if (validation) {
            split = split.asValidation();
        }
        String exportDir = HadoopFiles.child(work, "export");
        AnimeBenchmark bench = new AnimeBenchmark(spark, split, splitDir, ctx.config().seed);
        if (!validation) {
            bench.export(exportDir);
        }
        System.out.printf(Locale.ROOT, "anime split %s: train %,d, test %,d rows, %,d test users; exported to %s (%.0f s)%n",
                split.splitId(), split.manifest().path("rows").path("train").asLong(),
                split.manifest().path("rows").path("test").asLong(), split.manifest().path("users").path("test").asLong(),
                exportDir, (System.nanoTime() - t0) / 1e9);
        ObjectNode results = HadoopFiles.exists(conf, out)
                ? (ObjectNode) Json.MAPPER.readTree(HadoopFiles.readString(conf, out)) : Json.object();
        results.put("split_id", split.splitId());
        runModels(ctx, bench, variants, conf, results);
        if (peerBench != null && !validation) {
            runPeers(bench, peerBench, peerList, exportDir, conf, results);
        }
        System.out.printf(Locale.ROOT, "wrote %s (%.0f s in all)%n", out, (System.nanoTime() - t0) / 1e9);
    }

    private void runModels(AppContext ctx, AnimeBenchmark bench, List<BenchVariant> variants, Configuration conf, ObjectNode results) {
        ObjectNode ours = results.with("models");
        var registry = new animerec.artifact.ModelRegistry(conf, HadoopFiles.child(work, "artifacts"));
        var log = new animerec.app.ExperimentLog(conf, HadoopFiles.child(work, "experiments"));
        for (BenchVariant v : variants) {
            long m0 = System.nanoTime();
            ObjectNode r = bench.model(v, registry, log, ctx.configJson());
            ours.set(v.label(), r);
            HadoopFiles.writeStringAtomically(conf, out, Json.write(results));
            System.out.printf(Locale.ROOT, "%-22s NDCG@10 %.4f (rating>=8: %.4f)  franchise %.3f  fit %.1f s  (%.0f s)%n",
                    v.label(), r.path(AnimeBenchmark.ALL).path("ndcg@10").asDouble(),
                    r.path(AnimeBenchmark.HIGH).path("ndcg@10").asDouble(), r.path("franchise_share@10").asDouble(),
                    r.path("fit_seconds").asDouble(), (System.nanoTime() - m0) / 1e9);
        }
    }

    private void runPeers(AnimeBenchmark bench, PeerBench peerBench, List<String> peerList, String exportDir, Configuration conf,
                          ObjectNode results) throws java.io.IOException {
        ObjectNode peerRows = results.with("peers");
        Path tmp = Files.createTempDirectory("bench-anime-peers");
        for (String p : peerList) {
            long m0 = System.nanoTime();
            ObjectNode r = bench.peer(peerBench, p, AnimeBenchmark.PEER_GRIDS.get(p), exportDir, tmp);
            peerRows.set(p, r);
            HadoopFiles.writeStringAtomically(conf, out, Json.write(results));
            System.out.printf(Locale.ROOT, "peer %-17s NDCG@10 %.4f (rating>=8: %.4f)  chosen %s  (%.0f s)%n", p,
                    r.path(AnimeBenchmark.ALL).path("ndcg@10").asDouble(), r.path(AnimeBenchmark.HIGH).path("ndcg@10").asDouble(),
                    r.path("chosen").asText(), (System.nanoTime() - m0) / 1e9);
        }
    }
}
