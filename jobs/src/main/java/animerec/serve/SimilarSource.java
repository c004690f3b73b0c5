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

    /** The lists of one item. */
    @FunctionalInterface
    interface Lister {
        List<Scored> similar(long item, int k);
    }

    /** A source of {@code kind} from {@code source}, listed by {@code lister}. */
    record Of(String kind, String source, Lister lister) implements SimilarSource {
        @Override
        public List<Scored> similar(long item, int k) {
            return lister.similar(item, k);
        }
    }
}
