package animerec.model.content;

import static animerec.util.ParquetRows.Kind.LONG;
import static animerec.util.ParquetRows.Kind.VECTOR;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;

import animerec.data.Columns;
import animerec.model.ParamMap;
import animerec.model.Recommendations;
import animerec.model.RecommenderModel;
import animerec.model.FallbackAware;
import animerec.model.LikedItemsRecommender;
import animerec.model.serving.ServingModel;
import animerec.model.factor.BlockedTopKScorer;
import animerec.model.popularity.PopularityRecommender;
import animerec.util.UserError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * A fitted content model: unit item vectors for the whole catalogue (items nobody rated included), one unit
 * profile per training user (the weighted mean of the vectors of the items they interacted with; empty when none
 * of them has a feature), and a popularity model for users without a usable profile. Score = cosine(profile, item); seen items are excluded.
 */
public final class ContentModel implements FallbackAware, LikedItemsRecommender {
    public static final StructType PROFILES = new StructType()
            .add(Columns.USER, DataTypes.LongType, false)
            .add(ItemFeatures.VECTOR, SQLDataTypes.VectorType(), false);

    private final ContentKind kind;
    private final ParamMap params;
    private final Dataset<Row> itemVectors; // anime_id, vector
    private final Dataset<Row> profiles;    // user_id, vector
    private final RecommenderModel popularity;
    private final SparseTopK kernel = SparseTopK.defaults();
    private Boolean dense;

    ContentModel(ContentKind kind, ParamMap params, Dataset<Row> itemVectors, Dataset<Row> profiles,
                 RecommenderModel popularity) {
        this.kind = kind;
        this.params = params;
        this.itemVectors = itemVectors;
        this.profiles = profiles;
        this.popularity = popularity;
    }

    @Override
    public String family() {
        return kind.label();
    }

    @Override
    public ParamMap params() {
        return params;
    }

    /** Dense item vectors (embeddings) are scored by the dense blocked scorer, sparse ones by {@link SparseTopK}. */
    private synchronized boolean dense() {
        if (dense == null) {
            dense = DenseVectors.isDense(itemVectors);
        }
        return dense;
    }

    public Dataset<Row> itemVectors() {
        return itemVectors;
    }

    public Dataset<Row> profiles() {
        return profiles;
    }

    /**
     * User profiles from interactions: weight w = rating − the user's mean rating ({@code centering = user_mean})
     * or the rating ({@code none}); an unrated interaction weighs 1; a user whose weights are all 0, or whose
     * weighted vectors cancel out (two items with the same genres rated 8 and 6), gets weight 1 on every item.
     * Profile = Σ w·x_i, scaled to unit length (cosine does not see the scale). Contributions are summed in
     * item-id order, so profiles do not depend on partitioning. Every training user gets a row: a user none of
     * whose items has a feature (or is in the catalogue) gets an empty vector, so that such users are told apart
     * from users without history.
     */
    static Dataset<Row> profiles(Dataset<Row> train, Dataset<Row> itemVectors, String centering) {
        SparkSession spark = train.sparkSession();
        List<Row> first = itemVectors.select(ItemFeatures.VECTOR).limit(1).collectAsList();
        int dim = first.isEmpty() ? 0 : ((Vector) first.get(0).get(0)).size();
        Dataset<Row> joined = train.select(Columns.USER, Columns.ITEM, Columns.RATING)
                .join(itemVectors, new String[] {Columns.ITEM}, "left");
        boolean centred = centering.equals("user_mean");
        JavaPairRDD<Long, Tuple2<Long, Tuple2<Double, Vector>>> byUser = joined.javaRDD().mapToPair(r ->
                new Tuple2<>(r.getLong(1), new Tuple2<>(r.getLong(0), new Tuple2<>(
                        r.isNullAt(2) ? null : r.getDouble(2), r.isNullAt(3) ? null : (Vector) r.get(3)))));
        JavaRDD<Row> rows = byUser.groupByKey().mapPartitions(it -> profileRows(it, centred, dim));
        return spark.createDataFrame(rows, PROFILES);
    }

    /** Whether a profile row has a usable (non-zero) vector; users without one get the popularity fallback. */
    private static Dataset<Row> usable(Dataset<Row> profiles) {
        return profiles.filter((FilterFunction<Row>) r -> ((Vector) r.get(1)).numNonzeros() > 0);
    }

    private static Iterator<Row> profileRows(Iterator<Tuple2<Long, Iterable<Tuple2<Long, Tuple2<Double, Vector>>>>> it,
                                             boolean centred, int dim) {
        List<Row> out = new ArrayList<>();
        ProfileSum sum = new ProfileSum(dim);
        while (it.hasNext()) {
            Tuple2<Long, Iterable<Tuple2<Long, Tuple2<Double, Vector>>>> user = it.next();
            List<Tuple2<Long, Tuple2<Double, Vector>>> items = new ArrayList<>();
            user._2().forEach(x -> {
                if (x._2()._2() != null) { // items missing from the catalogue add nothing
                    items.add(x);
                }
            });
            items.sort((a, b) -> Long.compare(a._1(), b._1()));
            Vector profile = profile(items, centred, sum);
            out.add(RowFactory.create(user._1(), profile != null ? profile : Vectors.sparse(dim, new int[0], new double[0])));
        }
        return out.iterator();
    }

    /**
     * One user's unit profile from their items (in item-id order, each with its rating or null and its vector), or
     * null when it is zero (no features, or weights that cancel out even when equal); what a profile row holds.
     */
    static Vector profile(List<Tuple2<Long, Tuple2<Double, Vector>>> items, boolean centred, ProfileSum sum) {
        Vector profile = sum.unit(items, weights(items, centred));
        if (profile == null) { // the weighted vectors cancel out: the items alone, equally weighted
            double[] ones = new double[items.size()];
            Arrays.fill(ones, 1.0);
            profile = sum.unit(items, ones);
        }
        return profile;
    }

    /** Σ w·x over one user's items, in item order, on arrays reused across users (one thread at a time). */
    static final class ProfileSum {
        /** A sum whose norm is below this share of Σ |w|·‖x‖ is rounding residue of weights that cancel. */
        private static final double CANCELLED = 1e-9;
        private final int dim;
        private final double[] acc;
        private final boolean[] hit;
        private final int[] touched;

        ProfileSum(int dim) {
            this.dim = dim;
            this.acc = new double[dim];
            this.hit = new boolean[dim];
            this.touched = new int[dim];
        }

        /** The unit profile, or null when the sum is zero (no features, or weights that cancel out). */
        Vector unit(List<Tuple2<Long, Tuple2<Double, Vector>>> items, double[] w) {
            int nTouched = 0;
            double scale = 0;
            for (int a = 0; a < items.size(); a++) {
                if (w[a] == 0) {
                    continue;
                }
                org.apache.spark.ml.linalg.SparseVector s = items.get(a)._2()._2().toSparse();
                double squares = 0;
                for (int x = 0; x < s.indices().length; x++) {
                    int t = s.indices()[x];
                    if (!hit[t]) {
                        hit[t] = true;
                        touched[nTouched++] = t;
                    }
                    acc[t] += w[a] * s.values()[x];
                    squares += s.values()[x] * s.values()[x];
                }
                scale += Math.abs(w[a]) * Math.sqrt(squares);
            }
            Arrays.sort(touched, 0, nTouched);
            double norm = 0;
            int nonZero = 0;
            for (int x = 0; x < nTouched; x++) {
                norm += acc[touched[x]] * acc[touched[x]];
                nonZero += acc[touched[x]] != 0 ? 1 : 0;
            }
            norm = Math.sqrt(norm);
            boolean zero = nonZero == 0 || norm <= CANCELLED * scale;
            int[] idx = new int[zero ? 0 : nonZero];
            double[] val = new double[idx.length];
            int o = 0;
            for (int x = 0; x < nTouched; x++) {
                int t = touched[x];
                if (!zero && acc[t] != 0) {
                    idx[o] = t;
                    val[o++] = acc[t] / norm;
                }
                acc[t] = 0;
                hit[t] = false;
            }
            return zero ? null : Vectors.sparse(dim, idx, val);
        }
    }

    private static double[] weights(List<Tuple2<Long, Tuple2<Double, Vector>>> items, boolean centred) {
        int n = items.size();
        double[] w = new double[n];
        double mean = 0;
        int rated = 0;
        for (Tuple2<Long, Tuple2<Double, Vector>> x : items) {
            if (x._2()._1() != null) {
                mean += x._2()._1();
                rated++;
            }
        }
        mean = rated == 0 ? 0 : mean / rated;
        boolean allZero = true;
        for (int a = 0; a < n; a++) {
            Double r = items.get(a)._2()._1();
            w[a] = r == null ? 1.0 : (centred ? r - mean : r);
            allZero &= w[a] == 0;
        }
        if (allZero) {
            Arrays.fill(w, 1.0);
        }
        return w;
    }

    @Override
    public Dataset<Row> recommend(Dataset<Row> users, Dataset<Row> seen, int k) {
        Dataset<Row> targets = users.select(Columns.USER).distinct();
        Dataset<Row> seenLists = seen.groupBy(Columns.USER).agg(collect_list(col(Columns.ITEM)).as("seen"));
        Dataset<Row> usable = usable(profiles);
        Dataset<Row> withProfile = targets.join(usable, new String[] {Columns.USER})
                .join(seenLists, new String[] {Columns.USER}, "left")
                .select(Columns.USER, ItemFeatures.VECTOR, "seen");
        Dataset<Row> withoutProfile = targets.join(usable, new String[] {Columns.USER}, "left_anti");
        Dataset<Row> fallback = popularity.recommend(withoutProfile, seen, k);
        if (dense()) {
            Dataset<Row> content = BlockedTopKScorer.defaults().recommend(
                    DenseVectors.asFactors(usable.select(Columns.USER, ItemFeatures.VECTOR), Columns.USER),
                    DenseVectors.asFactors(itemVectors, Columns.ITEM), targets, seen, k);
            return content.unionByName(fallback);
        }
        JavaRDD<SparseTopK.Row> queries = withProfile.javaRDD().map(r -> ItemFeatures.sparseRow(r.getLong(0),
                (Vector) r.get(1), r.isNullAt(2) ? null
                        : r.<Long>getList(2).stream().mapToLong(Long::longValue).toArray()));
        JavaRDD<SparseTopK.Row> items = ItemFeatures.rows(itemVectors).filter(r -> r.indices().length > 0);
        JavaRDD<Row> scored = kernel.topK(queries, items, k, false).flatMap(SparseTopK::rows);
        Dataset<Row> content = users.sparkSession().createDataFrame(scored, Recommendations.SCHEMA);
        return content.unionByName(fallback);
    }

    /**
     * Two kinds of users get popularity: those with no interaction in the training data, and those with history
     * none of whose items has a {@code kind} feature (for example anime without genres, or items missing from the
     * items table). Each kind is counted and named on its own.
     */
    @Override
    public String fallbackNote(Dataset<Row> users) {
        Dataset<Row> targets = users.select(Columns.USER).distinct();
        long without = targets.join(profiles, new String[] {Columns.USER}, "left_anti").count();
        long featureless = targets.join(profiles, new String[] {Columns.USER})
                .join(usable(profiles), new String[] {Columns.USER}, "left_anti").count();
        List<String> notes = new ArrayList<>();
        if (without > 0) {
            notes.add(String.format("%,d user(s) have no history in the model's training data", without));
        }
        if (featureless > 0) {
            notes.add(String.format("%,d user(s) have history, but none of their items has %s features", featureless,
                    family()));
        }
        return notes.isEmpty() ? null : String.join("; ", notes)
                + ": their recommendations are the most popular items (popularity fallback)";
    }

    /**
     * Cold start for a new user: top-{@code k} items for a profile made of the {@code liked} items (equal
     * weights), excluding them. An id that is not in the catalogue is a {@link UserError}.
     *
     * @return {@code anime_id, rank, score}
     */
    @Override
    public Dataset<Row> recommendForLiked(List<Long> liked, int k) {
        SparkSession spark = itemVectors.sparkSession();
        Dataset<Row> likedIds = spark.createDataset(liked, org.apache.spark.sql.Encoders.LONG()).toDF(Columns.ITEM);
        List<Long> known = itemVectors.join(likedIds, new String[] {Columns.ITEM}).select(Columns.ITEM)
                .as(org.apache.spark.sql.Encoders.LONG()).collectAsList();
        List<Long> missing = liked.stream().filter(id -> !known.contains(id)).distinct().toList();
        if (!missing.isEmpty()) {
            throw new UserError("--liked: item(s) " + missing + " are not in the " + family() + " model's catalogue");
        }
        Dataset<Row> pseudo = likedIds.withColumn(Columns.USER, org.apache.spark.sql.functions.lit(-1L))
                .withColumn(Columns.RATING, org.apache.spark.sql.functions.lit(null).cast("double"));
        List<Row> profile = usable(profiles(pseudo, itemVectors, "none")).collectAsList();
        if (profile.isEmpty()) {
            throw new UserError("--liked: the " + family() + " features of items " + liked + " are all empty");
        }
        long[] exclude = liked.stream().mapToLong(Long::longValue).toArray();
        JavaRDD<SparseTopK.Row> query = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(List.of(ItemFeatures.sparseRow(-1L, (Vector) profile.get(0).get(1), exclude)), 1);
        JavaRDD<SparseTopK.Row> items = ItemFeatures.rows(itemVectors).filter(r -> r.indices().length > 0);
        List<Row> rows = new ArrayList<>();
        for (SparseTopK.Result r : kernel.topK(query, items, k, false).collect()) {
            for (int i = 0; i < r.targets().length; i++) {
                rows.add(RowFactory.create(r.targets()[i], i + 1, r.scores()[i]));
            }
        }
        return spark.createDataFrame(rows, new StructType().add(Columns.ITEM, DataTypes.LongType, false)
                .add(Columns.RANK, DataTypes.IntegerType, false).add(Columns.SCORE, DataTypes.DoubleType, false));
    }

    /**
     * The saved item vectors, the usable profiles and the popularity fallback in memory: a {@link ServingModel} whose
     * lists are {@link #recommend}'s for known users and {@link #recommendForLiked}'s for anonymous queries (empty,
     * rather than an error, when none of the liked items has a feature).
     */
    static ServingModel serving(String family, animerec.model.serving.SavedModel saved) {
        java.util.Map<Long, Vector> items = new java.util.HashMap<>();
        saved.rows("item_vectors", List.of(LONG.of(Columns.ITEM), VECTOR.of(ItemFeatures.VECTOR)),
                r -> items.put(r.getLong(0), r.vector(1)));
        java.util.Map<Long, Vector> users = new java.util.HashMap<>();
        saved.rows("profiles", List.of(LONG.of(Columns.USER), VECTOR.of(ItemFeatures.VECTOR)), r -> {
            Vector v = r.vector(1);
            if (v.numNonzeros() > 0) { // as usable(): a user without a usable profile gets the fallback
                users.put(r.getLong(0), v);
            }
        });
        PopularityRecommender pop = PopularityRecommender.byCount();
        ServingModel fallback = pop.serving(saved.child("popularity"), pop.params(java.util.Map.of()));
        return new ContentServing(family, items, users, DenseVectors.isDense(items.values()), fallback);
    }

    @Override
    public void save(String path) {
        itemVectors.write().parquet(path + "/item_vectors");
        profiles.write().parquet(path + "/profiles");
        popularity.save(path + "/popularity");
    }

    static ContentModel load(SparkSession spark, ContentKind kind, String path, ParamMap params) {
        Dataset<Row> items = spark.read().parquet(path + "/item_vectors").persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> profiles = spark.read().parquet(path + "/profiles").persist(StorageLevel.MEMORY_AND_DISK());
        PopularityRecommender pop = PopularityRecommender.byCount();
        RecommenderModel popularity = pop.load(spark, path + "/popularity", pop.params(java.util.Map.of()));
        return new ContentModel(kind, params, items, profiles, popularity);
    }
}
