package animerec.serve;

import animerec.data.ItemText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The item table in memory: names (HTML entities decoded), genres, type and members, and a search by name. */
public final class Catalogue {
    /** One item as the answers show it. */
    public record Item(long id, String name, List<String> genres, String type, long members) {
    }

    private final Map<Long, Item> byId;
    private final List<Item> all;
    private final String[] folded; // lower-case names, parallel to all

    public Catalogue(List<Item> items) {
        this.byId = new HashMap<>(items.size() * 2);
        this.all = new ArrayList<>(items.size());
        for (Item i : items) {
            Item decoded = new Item(i.id(), i.name() == null ? null : ItemText.unescape(i.name()),
                    i.genres() == null ? List.of() : List.copyOf(i.genres()), i.type(), i.members());
            byId.put(i.id(), decoded);
            all.add(decoded);
        }
        all.sort(Comparator.comparingLong(Item::id));
        this.folded = all.stream().map(i -> fold(i.name())).toArray(String[]::new);
    }

    public static Catalogue empty() {
        return new Catalogue(List.of());
    }

    private static String fold(String s) {
        return s == null ? "" : ItemText.unescape(s).toLowerCase(Locale.ROOT);
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    public int size() {
        return all.size();
    }

    public Item get(long id) {
        return byId.get(id);
    }

    public boolean contains(long id) {
        return byId.containsKey(id);
    }

    /**
     * Items whose name contains {@code query} (case-insensitive, HTML entities decoded on both sides): exact names
     * first, then names starting with it, then the rest; within each, more members first, then the lower id.
     */
    public List<Item> search(String query, int limit) {
        String q = fold(query).trim();
        List<int[]> hits = new ArrayList<>(); // {index, class}
        for (int i = 0; i < all.size(); i++) {
            String n = folded[i];
            int at = n.indexOf(q);
            if (at >= 0) {
                hits.add(new int[] {i, n.equals(q) ? 0 : at == 0 ? 1 : 2});
            }
        }
        hits.sort((a, b) -> a[1] != b[1] ? Integer.compare(a[1], b[1])
                : all.get(a[0]).members() != all.get(b[0]).members()
                        ? Long.compare(all.get(b[0]).members(), all.get(a[0]).members())
                        : Long.compare(all.get(a[0]).id(), all.get(b[0]).id()));
        List<Item> out = new ArrayList<>(Math.min(limit, hits.size()));
        for (int x = 0; x < hits.size() && x < limit; x++) {
            out.add(all.get(hits.get(x)[0]));
        }
        return out;
    }
}
