package animerec.model.warp;

import static org.apache.spark.sql.functions.col;

import animerec.data.Columns;
import animerec.model.EpochListener;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import animerec.model.factor.BlockedTopKScorer;
import animerec.util.Seeds;
import animerec.util.UserError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Distributed WARP/BPR training by parameter mixing. Users are hashed into P partitions; each round, every task
 * runs {@link WarpSgd} over its slice of its users' positives with its own users' parameters (which never leave
 * the partition) and a private copy of the item parameters broadcast at the start of the round. The driver then
 * combines the tasks' changes to the item parameters, in partition order, and broadcasts the result for the next
 * round: their mean (the default, {@code mixing=average}) or their sum ({@code mixing=sum}, full-size steps like
 * Hogwild threads that see each other's item updates one round late). More rounds per epoch means fresher item
 * parameters and more jobs. The same seed and P give bit-identical parameters.
 *
 * <p>Only item parameters (features × d floats, plus schedule state) travel to and from the driver; the
 * interactions and the user parameters stay in the executors.
 */
public final class WarpTrainer {
    private WarpTrainer() {
    }


    /** The model a listener's snapshot sees, made from the user and item vectors after an epoch. */
    interface Snapshots {
        RecommenderModel of(Dataset<Row> users, Dataset<Row> items);
    }

    /**
     * @param users {@code user_id, vector} = [user embedding, 1]
     * @param items {@code anime_id, vector} = [item representation, item bias]
     */
    record Result(Dataset<Row> users, Dataset<Row> items, double[] epochSeconds, int partitions, long positives,
                  int features, List<String> genres) {
    }

    static Result train(TrainingData data, WarpSettings s, long seed, EpochListener listener, Snapshots snapshots) {
        Dataset<Row> interactions = data.interactions();
        SparkSession spark = interactions.sparkSession();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Dataset<Row> positives = interactions;
        if (s.minRating() > 0) {
            positives = positives.filter(col(Columns.RATING).isNull().or(col(Columns.RATING).geq(s.minRating())));
        }
        positives = positives.select(Columns.USER, Columns.ITEM);
        if (s.genreFeatures() && !data.hasItems()) {
            throw new UserError(s.loss().name().toLowerCase() + ": item_features=genres needs the items table "
                    + "(split with --data DIR, or --items DIR for a given split)");
        }
        ItemSpace space = itemSpace(positives, s.genreFeatures() ? data.items() : null);
        if (space.items() < 2) {
            throw new UserError(s.loss().name().toLowerCase() + ": the training data has fewer than 2 items");
        }
        int p = s.partitions() > 0 ? s.partitions() : jsc.defaultParallelism();
        Broadcast<ItemSpace> bSpace = jsc.broadcast(space);
        JavaRDD<UserPartition> parts = positives.javaRDD()
                .mapToPair(r -> new Tuple2<>((int) Math.floorMod(Seeds.mix(r.getLong(0)), (long) p),
                        new long[] {r.getLong(0), r.getLong(1)}))
                .partitionBy(new HashPartitioner(p))
                .mapPartitionsWithIndex((idx, it) -> List.of(partition(idx, it, bSpace.value())).iterator(), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        long positiveCount = parts.map(x -> (long) x.items.length).reduce(Long::sum);
        if (positiveCount == 0) {
            throw new UserError(s.loss().name().toLowerCase() + ": the training data has no positive interactions");
        }
        int d = s.components();
        JavaRDD<UserParams> userParams = parts.map(x -> initialUsers(x, s, seed)).persist(StorageLevel.MEMORY_AND_DISK());
        ItemParams items = initialItems(space, s, seed);

        double[] epochSeconds = new double[s.epochs()];
        List<Broadcast<ItemParams>> used = new ArrayList<>();
        JavaRDD<Tuple2<UserParams, ItemParams>> previous = null;
        int rounds = s.roundsPerEpoch();
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            long t0 = System.nanoTime();
            for (int round = 0; round < rounds; round++) {
                Broadcast<ItemParams> bItems = jsc.broadcast(items);
                int e = epoch;
                int r = round;
                JavaRDD<Tuple2<UserParams, ItemParams>> out = parts.zipPartitions(userParams, (pi, ui) -> {
                    UserPartition part = pi.next();
                    UserParams mine = ui.next().copy();
                    ItemParams base = bItems.value();
                    ItemParams local = base.copy();
                    int n = part.items.length;
                    int[] perm = WarpSgd.order(n, seed, e, part.partition);
                    SplittableRandom rnd = new SplittableRandom(
                            Seeds.mix(Seeds.mix(seed + 0x9E3779B97F4A7C15L * (e + 1)) + 1_000_003L * r + part.partition));
                    new WarpSgd(part, mine, local, bSpace.value(), s).run(perm, (int) ((long) n * r / rounds),
                            (int) ((long) n * (r + 1) / rounds), rnd);
                    return List.of(new Tuple2<>(mine, local.minus(base))).iterator();
                }).persist(StorageLevel.MEMORY_AND_DISK());
                out.rdd().localCheckpoint(); // the lineage would otherwise grow by one step every round
                out.count(); // materialises (and so truncates) before the round's broadcast is destroyed
                List<ItemParams> deltas = out.map(Tuple2::_2).collect(); // partition order: a fixed summation order
                ItemParams next = items.copy();
                for (ItemParams delta : deltas) {
                    next.add(s.averageMixing() ? delta.scaled(1f / deltas.size()) : delta);
                }
                items = next;
                if (previous != null) {
                    previous.unpersist(false);
                } else {
                    userParams.unpersist(false);
                }
                previous = out;
                userParams = out.map(Tuple2::_1);
                bItems.unpersist(false);
                used.add(bItems);
            }
            epochSeconds[epoch] = (System.nanoTime() - t0) / 1e9;
            if (listener != null) {
                listener.epochDone(epoch + 1, epochSeconds[epoch]);
                if (listener.wantsSnapshot(epoch + 1)) {
                    listener.snapshot(epoch + 1, snapshots.of(userVectors(spark, parts, userParams, d), itemVectors(spark, space, items, d)));
                }
            }
        }
        // eager local checkpoints: the results no longer depend on the rounds' RDDs and broadcasts
        Dataset<Row> userVectors = userVectors(spark, parts, userParams, d).localCheckpoint(true);
        Dataset<Row> itemVectors = itemVectors(spark, space, items, d).localCheckpoint(true);
        if (previous != null) {
            previous.unpersist(false);
        }
        parts.unpersist(false);
        for (Broadcast<ItemParams> b : used) {
            b.destroy();
        }
        bSpace.destroy();
        return new Result(userVectors, itemVectors, epochSeconds, p, positiveCount, space.features, space.genres);
    }

    /** Items of the positives, plus (with genre features) every item of the items table, and their features. */
    static ItemSpace itemSpace(Dataset<Row> positives, Dataset<Row> itemTable) {
        TreeSet<Long> ids = new TreeSet<>(positives.select(Columns.ITEM).distinct().as(Encoders.LONG()).collectAsList());
        TreeMap<Long, List<String>> genresOf = new TreeMap<>();
        TreeSet<String> vocabulary = new TreeSet<>();
        if (itemTable != null) {
            for (Row r : itemTable.select(col(Columns.ITEM), col(Columns.GENRES)).collectAsList()) {
                if (r.isNullAt(0)) {
                    continue;
                }
                List<String> gs = new ArrayList<>();
                if (!r.isNullAt(1)) {
                    for (Object g : r.getList(1)) {
                        if (g != null && !g.toString().isBlank()) {
                            gs.add(g.toString().trim().toLowerCase(java.util.Locale.ROOT));
                        }
                    }
                }
                ids.add(r.getLong(0));
                genresOf.put(r.getLong(0), gs.stream().distinct().sorted().toList());
                vocabulary.addAll(gs);
            }
        }
        long[] idArray = ids.stream().mapToLong(Long::longValue).toArray();
        List<String> genres = new ArrayList<>(vocabulary);
        int n = idArray.length;
        int[] start = new int[n + 1];
        List<Integer> index = new ArrayList<>();
        List<Float> weight = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            List<String> gs = genresOf.getOrDefault(idArray[j], List.of());
            float w = 1f / (1 + gs.size());
            index.add(j);
            weight.add(w);
            for (String g : gs) {
                index.add(n + java.util.Collections.binarySearch(genres, g));
                weight.add(w);
            }
            start[j + 1] = index.size();
        }
        int[] idx = index.stream().mapToInt(Integer::intValue).toArray();
        float[] wts = new float[weight.size()];
        for (int t = 0; t < wts.length; t++) {
            wts[t] = weight.get(t);
        }
        return new ItemSpace(idArray, start, idx, wts, n + genres.size(), genres);
    }

    static UserPartition partition(int idx, Iterator<Tuple2<Integer, long[]>> it, ItemSpace space) {
        List<long[]> pairs = new ArrayList<>();
        while (it.hasNext()) {
            long[] x = it.next()._2();
            int item = Arrays.binarySearch(space.ids, x[1]);
            pairs.add(new long[] {x[0], item});
        }
        pairs.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        List<long[]> distinct = new ArrayList<>(pairs.size());
        for (long[] x : pairs) {
            if (distinct.isEmpty() || distinct.get(distinct.size() - 1)[0] != x[0] || distinct.get(distinct.size() - 1)[1] != x[1]) {
                distinct.add(x);
            }
        }
        long[] users = distinct.stream().mapToLong(x -> x[0]).distinct().toArray();
        int[] start = new int[users.length + 1];
        int[] items = new int[distinct.size()];
        int[] owner = new int[distinct.size()];
        int u = -1;
        for (int e = 0; e < distinct.size(); e++) {
            long[] x = distinct.get(e);
            if (u < 0 || users[u] != x[0]) {
                u++;
                start[u] = e;
            }
            items[e] = (int) x[1];
            owner[e] = u;
        }
        start[users.length] = distinct.size();
        return new UserPartition(idx, users, start, items, owner);
    }

    /** LightFM's initialisation: (U(0,1) − 0.5) / d, one seeded stream per user so P does not change it. */
    static UserParams initialUsers(UserPartition part, WarpSettings s, long seed) {
        int d = s.components();
        float[] emb = new float[part.users.length * d];
        for (int u = 0; u < part.users.length; u++) {
            SplittableRandom rnd = new SplittableRandom(Seeds.mix(seed ^ Seeds.mix(part.users[u] * 2 + 1)));
            for (int c = 0; c < d; c++) {
                emb[u * d + c] = (float) ((rnd.nextDouble() - 0.5) / d);
            }
        }
        return new UserParams(emb, schedule(emb.length, s), s.adadelta() ? new float[emb.length] : null);
    }

    static ItemParams initialItems(ItemSpace space, WarpSettings s, long seed) {
        int d = s.components();
        float[] emb = new float[space.features * d];
        SplittableRandom rnd = new SplittableRandom(Seeds.mix(seed ^ 0x17E45L));
        for (int t = 0; t < emb.length; t++) {
            emb[t] = (float) ((rnd.nextDouble() - 0.5) / d);
        }
        int f = space.features;
        return new ItemParams(emb, new float[f], schedule(emb.length, s), schedule(f, s),
                s.adadelta() ? new float[emb.length] : null, s.adadelta() ? new float[f] : null);
    }

    /** Adagrad's sums start at 1 (LightFM), adadelta's averages at 0. */
    private static float[] schedule(int n, WarpSettings s) {
        float[] g = new float[n];
        if (!s.adadelta()) {
            Arrays.fill(g, 1f);
        }
        return g;
    }

    private static Dataset<Row> userVectors(SparkSession spark, JavaRDD<UserPartition> parts, JavaRDD<UserParams> params, int d) {
        JavaRDD<Row> rows = parts.zipPartitions(params, (pi, ui) -> {
            UserPartition part = pi.next();
            UserParams p = ui.next();
            List<Row> out = new ArrayList<>(part.users.length);
            for (int u = 0; u < part.users.length; u++) {
                Float[] v = new Float[d + 1];
                for (int c = 0; c < d; c++) {
                    v[c] = p.emb[u * d + c];
                }
                v[d] = 1f;
                out.add(RowFactory.create(part.users[u], BlockedTopKScorer.vector(v)));
            }
            return out.iterator();
        });
        return spark.createDataFrame(rows, BlockedTopKScorer.USER_VECTORS);
    }

    private static Dataset<Row> itemVectors(SparkSession spark, ItemSpace space, ItemParams items, int d) {
        List<Row> rows = new ArrayList<>(space.items());
        float[] repr = new float[d + 1];
        for (int j = 0; j < space.items(); j++) {
            space.represent(j, items, d, repr);
            Float[] v = new Float[d + 1];
            for (int c = 0; c <= d; c++) {
                v[c] = repr[c];
            }
            rows.add(RowFactory.create(space.ids[j], BlockedTopKScorer.vector(v)));
        }
        int slices = Math.max(1, Math.min(JavaSparkContext.fromSparkContext(spark.sparkContext()).defaultParallelism(),
                space.items() / 10_000 + 1));
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, slices), BlockedTopKScorer.ITEM_VECTORS);
    }
}
