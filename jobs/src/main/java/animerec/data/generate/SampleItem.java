package animerec.data.generate;

import java.io.Serializable;
import java.util.List;

/**
 * One synthetic anime, shaped like a row of the Kaggle {@code anime.csv}.
 *
 * @param animeId  id in {@code 1..items}
 * @param name     title, unique within a catalog
 * @param genres   1 to 4 genres from {@link SampleCatalog#genreVocabulary()}
 * @param synopsis 2 to 4 sentences using words typical of the genres
 * @param type     one of TV, Movie, OVA, ONA, Special, Music
 * @param episodes episode count consistent with the type (a Movie has 1)
 * @param members  community size, large for popular titles
 */
public record SampleItem(long animeId, String name, List<String> genres, String synopsis,
                         String type, int episodes, long members) implements Serializable {

    public SampleItem {
        genres = List.copyOf(genres);
    }
}
