package animerec.model.content;

import animerec.data.Columns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** A six-item catalogue and a few users, small enough to compute expected values by hand. */
final class ContentFixtures {
    private ContentFixtures() {
    }

    static Dataset<Row> items(SparkSession spark) {
        List<Row> rows = new ArrayList<>();
        rows.add(item(1, "Naruto", "ninja village boy dreams", "Action", "Shounen"));
        rows.add(item(2, "Naruto Shippuuden", "ninja boy returns to the village", "Action", "Shounen"));
        rows.add(item(3, "K-On!", "girls start a band club at school", "Music", "Slice of Life"));
        rows.add(item(4, "Love Live", "school idol girls", "Music", "School"));
        rows.add(item(5, "Bleach", "boy becomes a soul reaper", "Action", "Shounen", "Supernatural"));
        rows.add(item(6, "Cold Band", "girls band practice", "Music", "Slice of Life")); // nobody rated it
        return spark.createDataFrame(rows, Columns.ITEMS);
    }

    private static Row item(long id, String name, String synopsis, String... genres) {
        return RowFactory.create(id, name, scala.jdk.javaapi.CollectionConverters.asScala(List.of(genres)).toSeq(),
                synopsis, "TV", 12, 1000L);
    }

    /** User 1 loves 1 and dislikes 3; user 2 prefers 3 over 4; user 3 only watched 5 (unrated). */
    static Dataset<Row> train(SparkSession spark) {
        List<Row> rows = List.of(
                RowFactory.create(1L, 1L, 5.0, 1L),
                RowFactory.create(1L, 3L, 1.0, 2L),
                RowFactory.create(2L, 3L, 5.0, 3L),
                RowFactory.create(2L, 4L, 4.0, 4L),
                RowFactory.create(3L, 5L, null, 5L),
                RowFactory.create(4L, 1L, 4.0, 6L),
                RowFactory.create(4L, 2L, 4.0, 7L));
        return spark.createDataFrame(rows, Columns.INTERACTIONS);
    }
}
