package animerec.model.content;

import animerec.model.Param;
import animerec.model.FamilyTraits;
import animerec.model.ParamMap;
import animerec.model.Recommender;
import animerec.model.RecommenderModel;
import animerec.model.TrainingData;
import animerec.model.popularity.PopularityRecommender;
import animerec.util.UserError;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code genre}, {@code tfidf} and {@code embedding}: content-based recommenders. Item vectors come from the
 * items table ({@link ItemFeatures}); a user's profile is the rating-weighted mean of the vectors of the items
 * they interacted with ({@link ContentModel#profiles}); score = cosine(profile, item), seen items excluded.
 * Items without interactions are scored like any other (cold-start items). Users without a profile get
 * popularity.
 */
public final class ContentRecommender implements animerec.model.serving.Servable {
    private final ContentKind kind;

    public ContentRecommender(ContentKind kind) {
        this.kind = kind;
    }

    @Override
    public String name() {
        return kind.label();
    }

    @Override
    public FamilyTraits traits() {
        return FamilyTraits.CONTENT;
    }

    @Override
    public String description() {
        return kind.description();
    }

    @Override
    public List<Param<?>> params() {
        return kind.recommenderParams();
    }

    @Override
    public RecommenderModel fit(TrainingData data, ParamMap params, long seed) {
        if (!data.hasItems()) {
            throw new UserError(name() + " needs item metadata, and this training data has none: split a dataset "
                    + "that has an items table (`animerec split --data DIR`), or pass `--items DIR` to a given split");
        }
        ItemFeatures.Built features = ItemFeatures.build(data.items(), kind, params, seed);
        Dataset<Row> items = features.vectors();
        Dataset<Row> profiles = ContentModel.profiles(data.interactions(), items, params.get(ContentKind.CENTERING))
                .persist(StorageLevel.MEMORY_AND_DISK());
        profiles.count();
        PopularityRecommender pop = PopularityRecommender.byCount();
        RecommenderModel popularity = pop.fit(TrainingData.of(data.interactions()), pop.params(Map.of()), seed);
        return new ContentModel(kind, params, items, profiles, popularity);
    }

    @Override
    public RecommenderModel load(SparkSession spark, String path, ParamMap params) {
        return ContentModel.load(spark, kind, path, params);
    }

    @Override
    public animerec.model.serving.ServingModel serving(animerec.model.serving.SavedModel saved, ParamMap params) {
        return ContentModel.serving(name(), saved);
    }
}
