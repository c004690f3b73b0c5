package animerec.model.knn;

import static animerec.util.ParquetRows.Kind.DOUBLE;
import static animerec.util.ParquetRows.Kind.LONG;

import animerec.model.serving.Query;
import animerec.model.serving.ReasonServing;
import animerec.model.serving.SavedModel;
import animerec.model.serving.Scored;
import animerec.model.serving.SimilarServing;
import animerec.model.serving.TopK;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * item-knn in memory: each item's neighbour list (most similar first, ties to the lower id), indexed by dense item
 * positions. A query's score for an item is the sum of its similarities to the history items whose lists hold it.
 */
final class ItemKnnServing implements ReasonServing, SimilarServing {
    /** One item's neighbours: dense positions and similarities, best first. */
    private record Neighbours(int[] at, double[] sim) {
    }

    private final long[] ids;                 // dense position -> item id, ascending
    private final Map<Long, Integer> position;
    private final Neighbours[] lists;         // by dense position of the item; null when it has no neighbours
    private final Neighbours[] listedBy;      // by dense position: the items whose lists hold it, with that similarity

    /** One neighbour row of the saved table. */
    private record Link(long neighbour, double sim) {
    }

    /**
     * The saved neighbour lists, each most similar first, ties to the lower id (as {@link ItemKnnModel#recommend}
     * ranks them).
     */
    static ItemKnnServing read(SavedModel saved) {
        Map<Long, java.util.List<Link>> byItem = new HashMap<>();
        java.util.TreeSet<Long> items = new java.util.TreeSet<>();
        saved.rows("neighbours", java.util.List.of(LONG.of(animerec.data.Columns.ITEM),
                LONG.of(ItemKnnModel.NEIGHBOUR), DOUBLE.of(Neighbourhoods.SIM)), r -> {
            byItem.computeIfAbsent(r.getLong(0), x -> new java.util.ArrayList<>()).add(new Link(r.getLong(1), r.getDouble(2) + 0.0));
            items.add(r.getLong(0));
            items.add(r.getLong(1));
        });
        Map<Long, long[]> ids = new HashMap<>();
        Map<Long, double[]> sims = new HashMap<>();
        byItem.forEach((item, links) -> {
            links.sort((a, b) -> {
                int c = Double.compare(b.sim(), a.sim());
                return c != 0 ? c : Long.compare(a.neighbour(), b.neighbour());
            });
            ids.put(item, links.stream().mapToLong(Link::neighbour).toArray());
            sims.put(item, links.stream().mapToDouble(Link::sim).toArray());
        });
        return new ItemKnnServing(items.stream().mapToLong(Long::longValue).toArray(), ids, sims);
    }

    ItemKnnServing(long[] ids, Map<Long, long[]> neighbourIds, Map<Long, double[]> neighbourSims) {
        this.ids = ids.clone();
        this.position = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            position.put(ids[i], i);
        }
        this.lists = new Neighbours[ids.length];
        neighbourIds.forEach((item, js) -> {
            int[] at = new int[js.length];
            for (int x = 0; x < js.length; x++) {
                at[x] = position.get(js[x]);
            }
            lists[position.get(item)] = new Neighbours(at, neighbourSims.get(item));
        });
        int[] count = new int[ids.length];
        for (Neighbours nb : lists) {
            if (nb != null) {
                for (int j : nb.at()) {
                    count[j]++;
                }
            }
        }
        this.listedBy = new Neighbours[ids.length];
        for (int j = 0; j < ids.length; j++) {
            listedBy[j] = new Neighbours(new int[count[j]], new double[count[j]]);
            count[j] = 0;
        }
        for (int i = 0; i < ids.length; i++) {
            Neighbours nb = lists[i];
            if (nb != null) {
                for (int x = 0; x < nb.at().length; x++) {
                    Neighbours r = listedBy[nb.at()[x]];
                    r.at()[count[nb.at()[x]]] = i;
                    r.sim()[count[nb.at()[x]]++] = nb.sim()[x];
                }
            }
        }
    }

    @Override
    public String family() {
        return "item-knn";
    }

    @Override
    public List<Scored> recommend(Query query, int k) {
        double[] acc = new double[ids.length];
        boolean[] hit = new boolean[ids.length];
        int[] touched = new int[ids.length];
        int n = 0;
        for (long i : query.history()) {
            Integer p = position.get(i);
            if (p == null || lists[p] == null) {
                continue;
            }
            Neighbours nb = lists[p];
            for (int x = 0; x < nb.at().length; x++) {
                int j = nb.at()[x];
                acc[j] += nb.sim()[x];
                if (!hit[j]) {
                    hit[j] = true;
                    touched[n++] = j;
                }
            }
        }
        TopK top = new TopK(k);
        for (int t = 0; t < n; t++) {
            int j = touched[t];
            if (top.accepts(acc[j], ids[j]) && !query.has(ids[j])) {
                top.offer(acc[j], ids[j]);
            }
        }
        return top.best();
    }

    @Override
    public boolean foldsIn() {
        return true;
    }


    /** "item-knn: similar to items you have: a, b, c": the (at most 3) history items most similar to it. */
    @Override
    public String why(Query query, long item) {
        Integer j = position.get(item);
        if (j == null) {
            return null;
        }
        List<double[]> because = new ArrayList<>(); // {similarity, history item}
        Neighbours by = listedBy[j];
        for (int x = 0; x < by.at().length; x++) {
            long i = ids[by.at()[x]];
            if (query.has(i)) {
                because.add(new double[] {by.sim()[x], i});
            }
        }
        if (because.isEmpty()) {
            return null;
        }
        because.sort((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0]) : Double.compare(a[1], b[1]));
        StringBuilder s = new StringBuilder("item-knn: similar to items you have: ");
        for (int x = 0; x < Math.min(3, because.size()); x++) {
            s.append(x == 0 ? "" : ", ").append((long) because.get(x)[1]);
        }
        return s.toString();
    }

    @Override
    public List<Scored> similar(long item, int k) {
        Integer p = position.get(item);
        if (p == null || lists[p] == null) {
            return List.of();
        }
        Neighbours nb = lists[p];
        List<Scored> out = new ArrayList<>(Math.min(k, nb.at().length));
        for (int x = 0; x < nb.at().length && x < k; x++) {
            out.add(new Scored(ids[nb.at()[x]], nb.sim()[x]));
        }
        return out;
    }

}
