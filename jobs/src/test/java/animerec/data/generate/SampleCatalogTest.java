package animerec.data.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SampleCatalogTest {

    private static final SampleSpec SPEC = SampleSpec.defaults();
    private static final long[] SOME_USERS = {1, 2, 17, 999, 2000};
    private static SampleCatalog catalog;
    private static List<SampleInteraction> all;

    @BeforeAll
    static void generateDefaults() {
        catalog = SampleCatalog.build(SPEC);
        all = new ArrayList<>();
        for (long u = 1; u <= SPEC.users(); u++) {
            all.addAll(catalog.interactionsForUser(u));
        }
    }

    @Test
    void sameSpecGivesIdenticalOutputInAnyUserOrder() throws Exception {
        SampleCatalog again = SampleCatalog.build(SampleSpec.defaults());
        assertEquals(catalog.items(), again.items());
        for (long u : SOME_USERS) {
            assertEquals(catalog.interactionsForUser(u), again.interactionsForUser(u), "user " + u);
        }
        Map<Long, List<SampleInteraction>> forward = new HashMap<>();
        Map<Long, List<SampleInteraction>> backward = new HashMap<>();
        for (long u = 1; u <= 50; u++) {
            forward.put(u, catalog.interactionsForUser(u));
        }
        for (long u = 50; u >= 1; u--) {
            backward.put(u, again.interactionsForUser(u));
        }
        assertEquals(forward, backward);
        // Spark ships the catalog to executors: a serialized copy must generate the same data.
        SampleCatalog shipped = roundTrip(catalog);
        assertEquals(catalog.items(), shipped.items());
        assertEquals(catalog.interactionsForUser(17), shipped.interactionsForUser(17));
    }

    @Test
    void differentSeedsAndUsersGiveDifferentData() {
        Set<List<Long>> histories = new HashSet<>();
        for (long u : SOME_USERS) {
            histories.add(catalog.interactionsForUser(u).stream().map(SampleInteraction::animeId).toList());
        }
        assertEquals(SOME_USERS.length, histories.size(), "each user has an own random stream");
        SampleSpec d = SampleSpec.defaults();
        SampleCatalog other = SampleCatalog.build(
                new SampleSpec(d.users(), d.items(), d.interactions(), 7L, d.unratedShare(), d.factors()));
        assertNotEquals(catalog.items(), other.items());
        for (long u : SOME_USERS) {
            assertNotEquals(catalog.interactionsForUser(u), other.interactionsForUser(u), "user " + u);
        }
    }

    @Test
    void totalInteractionsWithinTenPercentOfTarget() {
        double ratio = (double) all.size() / SPEC.interactions();
        assertTrue(ratio > 0.9 && ratio < 1.1, "total " + all.size() + " vs target " + SPEC.interactions());
    }

    @Test
    void itemsAreWellFormed() {
        Set<String> vocabulary = new HashSet<>(SampleCatalog.genreVocabulary());
        Set<String> types = Set.of("TV", "Movie", "OVA", "ONA", "Special", "Music");
        List<SampleItem> items = catalog.items();
        assertEquals(SPEC.items(), items.size());
        for (int i = 0; i < items.size(); i++) {
            SampleItem it = items.get(i);
            assertEquals(i + 1, it.animeId());
            assertTrue(it.genres().size() >= 1 && it.genres().size() <= 4, it.toString());
            assertTrue(vocabulary.containsAll(it.genres()), it.toString());
            assertEquals(it.genres().size(), new HashSet<>(it.genres()).size(), "duplicate genre: " + it);
            assertTrue(types.contains(it.type()), it.toString());
            if (it.type().equals("Movie") || it.type().equals("Music")) {
                assertEquals(1, it.episodes(), it.toString());
            } else if (it.type().equals("TV")) {
                assertTrue(it.episodes() >= 10, it.toString());
            }
            assertTrue(it.episodes() >= 1 && it.members() > 0, it.toString());
            long sentences = it.synopsis().chars().filter(c -> c == '.').count();
            assertTrue(sentences >= 2 && sentences <= 4, it.synopsis());
        }
        assertEquals(items.size(), items.stream().map(SampleItem::name).distinct().count(), "names unique");
        Map<String, Long> typeCounts = items.stream().collect(Collectors.groupingBy(SampleItem::type, Collectors.counting()));
        assertTrue(typeCounts.get("TV") > typeCounts.getOrDefault("Music", 0L), typeCounts.toString());
        Map<String, Long> genreCounts = items.stream().flatMap(it -> it.genres().stream())
                .collect(Collectors.groupingBy(g -> g, Collectors.counting()));
        assertTrue(genreCounts.get("Comedy") > 3 * genreCounts.getOrDefault("Josei", 0L), genreCounts.toString());
    }

    @Test
    void ratingsTimestampsAndOrderingAreValid() {
        long nulls = 0;
        double sum = 0;
        double sq = 0;
        for (SampleInteraction x : all) {
            assertTrue(x.animeId() >= 1 && x.animeId() <= SPEC.items(), x.toString());
            assertTrue(x.timestamp() >= 1_262_304_000L && x.timestamp() < 1_735_689_600L, x.toString());
            if (x.rating() == null) {
                nulls++;
                continue;
            }
            double r = x.rating();
            assertTrue(r >= 1 && r <= 10 && r == Math.rint(r), x.toString());
            sum += r;
            sq += r * r;
        }
        double share = (double) nulls / all.size();
        assertTrue(Math.abs(share - SPEC.unratedShare()) <= 0.03, "null share " + share);
        long rated = all.size() - nulls;
        double mean = sum / rated;
        double sd = Math.sqrt(sq / rated - mean * mean);
        assertTrue(mean > 6 && mean < 8, "mean " + mean);
        assertTrue(sd > 1.3 && sd < 2.2, "std " + sd);
        for (long u : SOME_USERS) {
            List<SampleInteraction> list = catalog.interactionsForUser(u);
            assertTrue(list.size() >= 3 && list.size() <= SPEC.items() / 2, "count " + list.size());
            for (int i = 1; i < list.size(); i++) {
                assertTrue(list.get(i - 1).animeId() < list.get(i).animeId(), "sorted, no repeats");
            }
            assertEquals(list.size(), list.stream().map(SampleInteraction::timestamp).distinct().count(),
                    "timestamps strictly increase along the watch history");
            assertTrue(list.stream().allMatch(x -> x.userId() == u));
        }
    }

    @Test
    void popularItemsDominate() {
        Map<Long, Integer> counts = new HashMap<>();
        for (SampleInteraction x : all) {
            counts.merge(x.animeId(), 1, Integer::sum);
        }
        List<Long> byWeight = new ArrayList<>();
        for (long id = 1; id <= SPEC.items(); id++) {
            byWeight.add(id);
        }
        byWeight.sort(Comparator.comparingDouble((Long id) -> catalog.popularityWeight(id)).reversed());
        int top = SPEC.items() / 20;
        long topCount = byWeight.subList(0, top).stream().mapToLong(id -> counts.getOrDefault(id, 0)).sum();
        // tastes spread what users watch (issue 19), but the top 5% still hold over four times their share
        assertTrue(topCount > 0.20 * all.size(), "top 5% hold " + topCount + " of " + all.size());
        // a power law: log(count) falls linearly in log(rank of the observed counts) over the head and body
        List<Integer> observed = counts.values().stream().sorted(Comparator.reverseOrder()).toList();
        int n = observed.size() / 2;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int r = 0; r < n; r++) {
            double x = Math.log(r + 1.0);
            double y = Math.log(observed.get(r));
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        System.out.printf("rank-frequency slope over the top %d items: %.3f%n", n, slope);
        assertTrue(slope < -0.5, "rank-frequency slope " + slope + " (the default spec gives -0.60)");
        int median = counts.getOrDefault(byWeight.get(SPEC.items() / 2), 0);
        assertTrue(counts.get(byWeight.get(0)) > 5 * median, "most popular vs median item");
        assertTrue(byWeight.get(0) != 1L || byWeight.get(1) != 2L, "popularity is not id order");
    }

    @Test
    void mechaWordsConcentrateInMechaSynopses() {
        List<String> words = SampleCatalog.genreWords("Mecha");
        int mecha = 0;
        int mechaHits = 0;
        int other = 0;
        int otherHits = 0;
        for (SampleItem it : catalog.items()) {
            boolean hit = words.stream().anyMatch(it.synopsis()::contains);
            if (it.genres().contains("Mecha")) {
                mecha++;
                mechaHits += hit ? 1 : 0;
            } else {
                other++;
                otherHits += hit ? 1 : 0;
            }
        }
        assertTrue(mecha >= 10, "too few Mecha items: " + mecha);
        double mechaRate = (double) mechaHits / mecha;
        double otherRate = (double) otherHits / other;
        assertTrue(mechaRate > 0.9 && otherRate < 0.05, "Mecha " + mechaRate + " vs other " + otherRate);
    }

    @Test
    void usersRateTheirPreferredGenresHigher() {
        double prefSum = 0;
        double otherSum = 0;
        int prefN = 0;
        int otherN = 0;
        long prefInteractions = 0;
        for (long u = 1; u <= SPEC.users(); u++) {
            Set<String> preferred = new HashSet<>(catalog.preferredGenres(u));
            for (SampleInteraction x : catalog.interactionsForUser(u)) {
                boolean match = catalog.items().get((int) x.animeId() - 1).genres().stream().anyMatch(preferred::contains);
                prefInteractions += match ? 1 : 0;
                if (x.rating() == null) {
                    continue;
                }
                if (match) {
                    prefSum += x.rating();
                    prefN++;
                } else {
                    otherSum += x.rating();
                    otherN++;
                }
            }
        }
        double gap = prefSum / prefN - otherSum / otherN;
        assertTrue(gap > 0.3, "preferred minus other mean rating: " + gap);
        assertTrue(prefInteractions > 0.3 * all.size(), "users watch their genres: " + prefInteractions);
    }

    @Test
    void validateNamesTheBadField() {
        assertEquals(SPEC, SPEC.validate());
        expectRejected(new SampleSpec(0, 800, 120_000, 42, 0.1, 8), "users");
        expectRejected(new SampleSpec(2000, 9, 12_000, 42, 0.1, 8), "items");
        expectRejected(new SampleSpec(2000, 800, 1999, 42, 0.1, 8), "interactions");
        expectRejected(new SampleSpec(10, 10, 51, 42, 0.1, 8), "interactions");
        expectRejected(new SampleSpec(2000, 800, 120_000, 42, 1.0, 8), "unratedShare");
        expectRejected(new SampleSpec(2000, 800, 120_000, 42, -0.1, 8), "unratedShare");
        expectRejected(new SampleSpec(2000, 800, 120_000, 42, Double.NaN, 8), "unratedShare");
        expectRejected(new SampleSpec(2000, 800, 120_000, 42, 0.1, 0), "factors");
        assertThrows(IllegalArgumentException.class, () -> SampleCatalog.build(new SampleSpec(0, 800, 1, 1, 0, 1)));
        assertThrows(IllegalArgumentException.class, () -> catalog.interactionsForUser(0));
        assertThrows(IllegalArgumentException.class, () -> catalog.interactionsForUser(SPEC.users() + 1));
    }

    private static void expectRejected(SampleSpec spec, String field) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, spec::validate, field);
        assertTrue(e.getMessage().startsWith(field), "message should name " + field + ": " + e.getMessage());
    }

    private static SampleCatalog roundTrip(SampleCatalog c) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(c);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (SampleCatalog) in.readObject();
        }
    }
}
