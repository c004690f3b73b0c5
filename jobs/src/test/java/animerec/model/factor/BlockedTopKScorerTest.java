package animerec.model.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import animerec.data.Columns;
import animerec.testing.SparkTestSupport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The blocked scorer returns exactly the brute-force top-K (ties included) on both of its paths. */
class BlockedTopKScorerTest {
    private final SparkSession spark = SparkTestSupport.spark();

    private static StructType vectors(String id) {
        return new StructType().add(id, DataTypes.LongType)
                .add(BlockedTopKScorer.VECTOR, DataTypes.createArrayType(DataTypes.FloatType, false));
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, 256L << 20}) // 0 forces the cartesian path; 256 MB the broadcast path
    void sameTopKAsBruteForce(long broadcastLimit) {
        Random rnd = new Random(5);
        int rank = 6;
        int nUsers = 70;
        int nItems = 130;
        float[][] u = new float[nUsers][rank];
        float[][] v = new float[nItems][rank];
        List<Row> userRows = new ArrayList<>();
        List<Row> itemRows = new ArrayList<>();
        for (int a = 0; a < nUsers; a++) {
            for (int f = 0; f < rank; f++) {
                u[a][f] = rnd.nextInt(3) - 1; // small integers: many exact ties
            }
            userRows.add(RowFactory.create((long) a + 1000, toList(u[a])));
        }
        for (int j = 0; j < nItems; j++) {
            for (int f = 0; f < rank; f++) {
                v[j][f] = j % 7 == 0 ? rnd.nextInt(3) : (float) rnd.nextGaussian();
            }
            itemRows.add(RowFactory.create((long) j * 3, toList(v[j])));
        }
        List<Row> seenRows = new ArrayList<>();
        List<Set<Long>> seen = new ArrayList<>();
        for (int a = 0; a < nUsers; a++) {
            Set<Long> s = new HashSet<>();
            for (int t = 0; t < rnd.nextInt(20); t++) {
                long item = (long) rnd.nextInt(nItems) * 3;
                if (s.add(item)) {
                    seenRows.add(RowFactory.create((long) a + 1000, item));
                }
            }
            seen.add(s);
        }
        Dataset<Row> users = spark.createDataFrame(userRows, vectors(Columns.USER)).repartition(3);
        Dataset<Row> items = spark.createDataFrame(itemRows, vectors(Columns.ITEM)).repartition(4);
        Dataset<Row> seenDf = spark.createDataFrame(seenRows, new StructType()
                .add(Columns.USER, DataTypes.LongType).add(Columns.ITEM, DataTypes.LongType));
        int k = 9;
        List<Row> got = new BlockedTopKScorer(16, 25, broadcastLimit)
                .recommend(users, items, users.select(Columns.USER), seenDf, k)
                .orderBy(Columns.USER, Columns.RANK).collectAsList();

        List<String> expected = new ArrayList<>();
        for (int a = 0; a < nUsers; a++) {
            List<double[]> scored = new ArrayList<>(); // {score, item}
            for (int j = 0; j < nItems; j++) {
                long item = (long) j * 3;
                if (seen.get(a).contains(item)) {
                    continue;
                }
                float s = 0f;
                for (int f = 0; f < rank; f++) {
                    s += u[a][f] * v[j][f];
                }
                scored.add(new double[] {s, item});
            }
            scored.sort(Comparator.<double[]>comparingDouble(x -> -x[0]).thenComparingDouble(x -> x[1]));
            for (int r = 0; r < k; r++) {
                expected.add((a + 1000) + ":" + (long) scored.get(r)[1] + ":" + (r + 1) + ":" + scored.get(r)[0]);
            }
        }
        List<String> actual = got.stream()
                .map(r -> r.getLong(0) + ":" + r.getLong(1) + ":" + r.getInt(2) + ":" + r.getDouble(3)).toList();
        assertEquals(expected, actual);
    }

    private static List<Float> toList(float[] x) {
        List<Float> out = new ArrayList<>();
        for (float f : x) {
            out.add(f);
        }
        return out;
    }

}
