package animerec.app;

import static org.apache.spark.sql.functions.col;

import animerec.data.Columns;
import animerec.data.Datasets;
import animerec.data.Fingerprints;
import animerec.data.Franchise;
import animerec.model.content.ContentKind;
import animerec.model.content.FeatureStore;
import animerec.model.content.FranchiseDiversifier;
import animerec.model.content.ItemFeatures;
import animerec.model.content.ItemNeighbours;
import animerec.model.content.SparseTopK;
import animerec.util.UserError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The items most similar to one item (cosine over genre, tfidf or embedding features), with their names and shared
 * genres; stored features are used when up to date with the items table, else they are built in memory.
 */
public final class SimilarService {
    private final AppContext ctx;
    private final String data;
    private final ContentKind kind;
    private final long item;
    private final int k;
    private final double diversity;

    private SimilarService(AppContext ctx, SimilarRequest r) {
        this.ctx = ctx;
        data = r.data();
        kind = r.kind();
        item = r.item();
        k = r.k();
        diversity = r.diversity();
    }

    /** Prints the table of similar items. */
    public static void run(AppContext ctx, SimilarRequest request) {
        new SimilarService(ctx, request).run();
    }

    private void run() {
        SparkSession spark = ctx.spark("animerec similar");
        Dataset<Row> items = Datasets.readItemsOrNull(spark, data);
        if (items == null) {
            throw new UserError(data + ": no items table (expected " + data + "/items; run `animerec ingest` first)");
        }
        Map<Long, Row> byId = new HashMap<>();
        List<Row> seed = items.filter(col(Columns.ITEM).equalTo(item)).select(Columns.ITEM, Columns.NAME, Columns.GENRES)
                .limit(1).collectAsList();
        if (seed.isEmpty()) {
            throw new UserError("item " + item + " is not in " + data + "/items");
        }
        int pool = diversity > 0 ? 5 * k : k;
        List<ItemNeighbours.Neighbour> candidates = neighbours(spark, items, kind, pool);
        List<Long> ids = new ArrayList<>(candidates.stream().map(ItemNeighbours.Neighbour::item).toList());
        ids.add(item);
        for (Row r : items.filter(col(Columns.ITEM).isin(ids.toArray())).select(Columns.ITEM, Columns.NAME, Columns.GENRES)
                .collectAsList()) {
            byId.put(r.getLong(0), r);
        }
        Map<Long, String> names = new HashMap<>();
        byId.forEach((id, r) -> {
            if (!r.isNullAt(1)) {
                names.put(id, r.getString(1));
            }
        });
        List<ItemNeighbours.Neighbour> found = diversify(candidates, names);
        Set<String> seedGenres = genres(byId.get(item));
        System.out.printf("items most similar to %d %s [%s] by %s:%n", item, byId.get(item).getString(1),
                String.join(", ", seedGenres), kind.label());
        System.out.printf("%-5s %-9s %-10s %-50s %s%n", "rank", "anime_id", "similarity", "name", "shared genres");
        for (ItemNeighbours.Neighbour n : found) {
            Row r = byId.get(n.item());
            Set<String> shared = genres(r);
            shared.retainAll(seedGenres);
            System.out.printf("%-5d %-9d %-10.4f %-50s %s%n", n.rank(), n.item(), n.similarity(),
                    r == null || r.isNullAt(1) ? "?" : r.getString(1), String.join(", ", shared));
        }
        if (found.isEmpty()) {
            System.out.println("(no item shares a " + kind.label() + " feature with it)");
        } else {
            String seedName = names.get(item);
            long same = found.stream().filter(n -> Franchise.related(seedName, names.get(n.item()))).count();
            System.out.printf("%d of %d look like the seed's franchise (diversity %s; --diversity 0 for plain similarity)%n",
                    same, found.size(), diversity);
        }
    }

    /** The top k of the candidates after the franchise re-ranking ({@link Franchise#related}), renumbered; similarities kept. */
    private List<ItemNeighbours.Neighbour> diversify(List<ItemNeighbours.Neighbour> candidates, Map<Long, String> names) {
        List<FranchiseDiversifier.Scored> scored = candidates.stream()
                .map(n -> new FranchiseDiversifier.Scored(n.item(), n.similarity())).toList();
        List<String> seed = names.containsKey(item) ? List.of(names.get(item)) : List.of();
        List<ItemNeighbours.Neighbour> out = new ArrayList<>();
        for (FranchiseDiversifier.Scored x : FranchiseDiversifier.rerank(scored, names, seed, diversity, k)) {
            out.add(new ItemNeighbours.Neighbour(x.item(), out.size() + 1, x.score()));
        }
        return out;
    }

    private List<ItemNeighbours.Neighbour> neighbours(SparkSession spark, Dataset<Row> items, ContentKind kind, int k) {
        FeatureStore.Stored stored = FeatureStore.read(spark, data, kind);
        if (stored != null && stored.itemsFingerprint().equals(Fingerprints.of(items))) {
            if (stored.neighbours() != null && stored.neighboursPerItem() >= k) {
                List<ItemNeighbours.Neighbour> out = new ArrayList<>();
                for (Row r : stored.neighbours().filter(col(Columns.ITEM).equalTo(item)).filter(col(Columns.RANK).leq(k))
                        .orderBy(Columns.RANK).collectAsList()) {
                    out.add(new ItemNeighbours.Neighbour(r.getLong(1), r.getInt(2), r.getDouble(3)));
                }
                return out;
            }
            return ItemNeighbours.of(stored.vectors(), item, k, SparseTopK.defaults());
        }
        System.out.println("(no up-to-date " + FeatureStore.dir(data, kind) + ": building " + kind.label()
                + " features in memory; `animerec features --data " + data + "` keeps them)");
        ItemFeatures.Built built = ItemFeatures.build(items, kind, ModelParams.features(ctx.config(), kind, null),
                ctx.seed());
        return ItemNeighbours.of(built.vectors(), item, k, SparseTopK.defaults());
    }

    private static Set<String> genres(Row r) {
        Set<String> out = new LinkedHashSet<>();
        if (r != null && !r.isNullAt(2)) {
            for (Object g : r.getList(2)) {
                out.add(String.valueOf(g).trim());
            }
        }
        return out;
    }
}
