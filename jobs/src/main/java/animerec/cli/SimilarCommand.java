package animerec.cli;

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
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "similar", mixinStandardHelpOptions = true,
        description = {"Print the items most similar to one item (cosine over genre, tfidf or embedding features),",
            "with their names and the genres they share. Uses DIR/features/<model> when it is up to date with",
            "the items table (see `animerec features`), and builds the features in memory otherwise."})
final class SimilarCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "dataset folder with an items table")
    String data;

    @Option(names = "--model", required = true, description = "genre, tfidf or embedding")
    String model;

    @Option(names = "--item", required = true, paramLabel = "ID", description = "the seed item's anime_id")
    long item;

    @Option(names = "--k", description = "number of neighbours (default: ${DEFAULT-VALUE})")
    int k = 10;

    @Option(names = "--diversity", paramLabel = "D", description = {"0..1: how strongly sequels and side stories of the "
            + "seed and of listed items are moved down (franchise MMR over the top 5k; 0 = plain similarity; above 0.5 "
            + "they come after every other candidate; default: ${DEFAULT-VALUE})"})
    double diversity = 0.3;

    @Override
    public Integer call() {
        if (k <= 0) {
            throw new UserError("--k must be positive, got " + k);
        }
        if (!(diversity >= 0 && diversity <= 1)) {
            throw new UserError("--diversity must be in [0, 1], got " + diversity);
        }
        ContentKind kind = ContentKind.parse(model);
        SparkSession spark = common.spark("animerec similar");
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
        return 0;
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
        ItemFeatures.Built built = ItemFeatures.build(items, kind, FeaturesCommand.paramsFor(common, kind, null),
                common.config().seed);
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
