package animerec.data.generate;

import animerec.data.Columns;
import animerec.util.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Synthetic explicit ratings for scale benchmarks: a rank-r model plus Gaussian noise, r = 3 + u·v + ε,
 * clipped to [1, 5]. Every user rates {@code ratings / users} distinct-by-construction items drawn
 * uniformly; everything derives from the seed, per user, on the executors.
 */
public final class LowRankRatings {
    private static final StructType SCHEMA = new StructType()
            .add(Columns.USER, DataTypes.LongType, false)
            .add(Columns.ITEM, DataTypes.LongType, false)
            .add(Columns.RATING, DataTypes.DoubleType, false);

    private LowRankRatings() {
    }

    public static Dataset<Row> generate(SparkSession spark, int users, int items, long ratings, int rank,
                                        double noise, long seed, int partitions) {
        int perUser = (int) Math.max(1, Math.min(items, ratings / users));
        double scale = 1.0 / Math.sqrt(rank);
        return spark.range(1, users + 1L, 1, partitions).flatMap((FlatMapFunction<Long, Row>) user -> {
            double[] u = vector(seed, 1, user, rank, scale);
            SplittableRandom rnd = new SplittableRandom(Seeds.mix(seed * 31 + 7 + user * 0x9E3779B97F4A7C15L));
            List<Row> out = new ArrayList<>(perUser);
            // a random start and an odd stride coprime with nothing in particular: distinct items per user
            long start = rnd.nextInt(items);
            long stride = 1 + 2L * rnd.nextInt(Math.max(1, items / 2 - 1));
            while (gcd(stride, items) != 1) {
                stride += 2;
            }
            for (int t = 0; t < perUser; t++) {
                long item = 1 + (start + t * stride) % items;
                double[] v = vector(seed, 2, item, rank, scale);
                double r = 3;
                for (int f = 0; f < rank; f++) {
                    r += u[f] * v[f];
                }
                r += noise * Seeds.gaussian(rnd);
                out.add(RowFactory.create(user, item, Math.max(1.0, Math.min(5.0, r))));
            }
            return out.iterator();
        }, Encoders.row(SCHEMA));
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static double[] vector(long seed, long salt, long id, int rank, double scale) {
        SplittableRandom rnd = new SplittableRandom(Seeds.mix(seed * 0x632BE59BD9B4E019L + salt * 0x9E3779B97F4A7C15L + id));
        double[] x = new double[rank];
        for (int f = 0; f < rank; f++) {
            x[f] = Seeds.gaussian(rnd) * Math.sqrt(scale) * 1.2;
        }
        return x;
    }
}
