package animerec.serve;

import animerec.model.serving.Scored;
import java.util.List;

/** One way to list similar items: a content kind's features (genre, tfidf, embedding) or a model's neighbours (cf). */
public interface SimilarSource {
    /** genre, tfidf, embedding or cf. */
    String kind();

    /** Where the lists come from, e.g. "tfidf features of data/" or "item-knn@v1.0". */
    String source();

    /** The most similar items, best first; empty for an item the source does not know. */
    List<Scored> similar(long item, int k);
}
