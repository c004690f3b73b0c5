package animerec.split;

import animerec.config.AnimerecConfig;
import animerec.data.ColumnMapping;
import animerec.util.UserError;

/** How a split is drawn: the strategy, the test and validation shares, the seed and the dataset's column names. */
public record SplitSettings(SplitStrategy strategy, double testRatio, double validationRatio, long seed, ColumnMapping columns) {
    public SplitSettings {
        if (!(testRatio > 0 && testRatio < 1)) {
            throw new UserError("--test-ratio must be in (0, 1), got " + testRatio);
        }
        if (!(validationRatio >= 0 && validationRatio < 1)) {
            throw new UserError("--validation-ratio must be in [0, 1), got " + validationRatio);
        }
    }

    /** The config's split section; each non-null argument replaces its value. */
    public static SplitSettings of(AnimerecConfig config, String strategy, Double testRatio, Double validationRatio) {
        return new SplitSettings(SplitStrategy.parse(strategy != null ? strategy : config.split.strategy),
                testRatio != null ? testRatio : config.split.testRatio,
                validationRatio != null ? validationRatio : config.split.validationRatio, config.seed,
                new ColumnMapping(config.columns));
    }

    /** The config's split section as it is. */
    public static SplitSettings of(AnimerecConfig config) {
        return of(config, null, null, null);
    }
}
