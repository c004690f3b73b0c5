package animerec.model.knn;

import animerec.util.Seeds;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Entity–entity similarities computed distributed, from inverted lists: the entries of each "other" id (the
 * users who rated an item, for user–user similarity) are one list; every pair in a list adds its
 * contribution to the pair's sums; sums are reduced by pair key; each entity keeps its {@code maxNeighbours}
 * most similar others with positive similarity. Nothing of size entities² reaches the driver.
 *
 * <p>A list longer than {@code maxList} contributes only {@code maxList} of its entries — those with the
 * smallest seeded hash of (entity, other), so the choice is reproducible — because a list of n entries makes
 * n(n − 1)/2 pairs: a blockbuster watched by 30,000 users would alone make 450 million. Lists on MovieLens
 * 100K stay below the default cap (1,000), so its similarities are exact.
 */
public final class Neighbourhoods {
    public static final String X = "x";
    public static final String NEIGHBOUR = "nx";
    public static final String SIM = "sim";
    public static final StructType SCHEMA = new StructType()
            .add(X, DataTypes.LongType, false)
            .add(NEIGHBOUR, DataTypes.LongType, false)
            .add(SIM, DataTypes.DoubleType, false);

    private Neighbourhoods() {
    }

    /** One entry of an inverted list: the entity, its value, and its baseline residual. */
    record Entry(long x, double value, double residual) implements Serializable {
    }

    /** Settings of a similarity computation. */
    public record Settings(Similarity similarity, int minSupport, double shrinkage, int maxList, int maxNeighbours,
                           long seed) implements Serializable {
    }

    /**
     * @param entries {@code x, y, value, residual}: x the entity (user for user–user), y the other side
     * @return {@code x, nx, sim}: each entity's most similar entities, positive similarities only
     */
    public static Dataset<Row> compute(Dataset<Row> entries, Settings s) {
        SparkSession spark = entries.sparkSession();
        JavaPairRDD<Long, Entry> byOther = entries.javaRDD().mapToPair(r -> new Tuple2<>(r.getLong(1),
                new Entry(r.getLong(0), r.getDouble(2), r.getDouble(3))));
        JavaPairRDD<Tuple2<Long, Long>, double[]> sums = byOther.groupByKey()
                .flatMapToPair(t -> pairs(t._1(), t._2(), s))
                .reduceByKey(Similarity::merge);
        JavaRDD<Row> rows = sums
                .flatMapToPair(t -> {
                    double sim = s.similarity().of(t._2(), s.minSupport(), s.shrinkage());
                    if (!(sim > 0)) {
                        return java.util.Collections.emptyIterator();
                    }
                    long a = t._1()._1();
                    long b = t._1()._2();
                    return List.of(new Tuple2<>(a, new Tuple2<>(b, sim)), new Tuple2<>(b, new Tuple2<>(a, sim))).iterator();
                })
                .groupByKey()
                .flatMap(t -> top(t._1(), t._2(), s.maxNeighbours()).iterator());
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** Pair contributions of one inverted list, generated lazily: for each pair a &lt; b, their entries' sums. */
    static java.util.Iterator<Tuple2<Tuple2<Long, Long>, double[]>> pairs(long other, Iterable<Entry> list, Settings s) {
        List<Entry> collected = new ArrayList<>();
        list.forEach(collected::add);
        if (collected.size() > s.maxList()) {
            collected.sort(Comparator.comparingLong((Entry e) -> Seeds.mix(s.seed() ^ Seeds.mix(e.x() * 31 + other)))
                    .thenComparingLong(Entry::x));
            collected = new ArrayList<>(collected.subList(0, s.maxList()));
        }
        collected.sort(Comparator.comparingLong(Entry::x));
        Entry[] entries = collected.toArray(new Entry[0]);
        return new java.util.Iterator<>() {
            private int i = 0;
            private int j = 1;

            @Override
            public boolean hasNext() {
                return j < entries.length;
            }

            @Override
            public Tuple2<Tuple2<Long, Long>, double[]> next() {
                Entry a = entries[i];
                Entry b = entries[j];
                double[] sums = new double[Similarity.SIZE];
                Similarity.add(sums, a.value(), b.value(), a.residual(), b.residual());
                if (++j == entries.length) {
                    i++;
                    j = i + 1;
                }
                return new Tuple2<>(new Tuple2<>(a.x(), b.x()), sums);
            }
        };
    }

    /** The {@code max} most similar neighbours (ties: lower id first). */
    static List<Row> top(long x, Iterable<Tuple2<Long, Double>> neighbours, int max) {
        List<Tuple2<Long, Double>> all = new ArrayList<>();
        neighbours.forEach(all::add);
        all.sort(Comparator.<Tuple2<Long, Double>>comparingDouble(t -> -t._2()).thenComparingLong(Tuple2::_1));
        List<Row> out = new ArrayList<>(Math.min(max, all.size()));
        for (int i = 0; i < all.size() && i < max; i++) {
            out.add(RowFactory.create(x, all.get(i)._1(), all.get(i)._2()));
        }
        return out;
    }
}
