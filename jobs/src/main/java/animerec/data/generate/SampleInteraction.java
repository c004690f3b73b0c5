package animerec.data.generate;

import java.io.Serializable;

/**
 * One user/anime interaction, shaped like a row of the Kaggle {@code rating.csv}.
 *
 * @param userId    user id in {@code 1..users}
 * @param animeId   anime id in {@code 1..items}
 * @param rating    integer score 1..10 stored as a double, or {@code null} for "watched, not
 *                  rated" (the raw Kaggle data writes -1 for that)
 * @param timestamp epoch seconds in 2010..2024; increasing along the user's watch order
 */
public record SampleInteraction(long userId, long animeId, Double rating, long timestamp)
        implements Serializable {
}
