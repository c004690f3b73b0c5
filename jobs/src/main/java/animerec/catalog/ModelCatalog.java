package animerec.catalog;

import animerec.hybrid.BlendStrategy;
import animerec.hybrid.HybridRecommender;
import animerec.hybrid.LtrRecommender;
import animerec.model.als.AlsRecommender;
import animerec.model.content.ContentKind;
import animerec.model.content.ContentRecommender;
import animerec.model.Recommender;
import animerec.model.ease.EaseRecommender;
import animerec.model.knn.ItemKnnRecommender;
import animerec.model.knn.KnnRecommender;
import animerec.model.popularity.PopularityRecommender;
import animerec.model.svd.SvdRecommender;
import animerec.model.warp.WarpRecommender;
import animerec.util.UserError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every model family the project has, by name: the one place a family is registered. A new family registers here
 * and is then trained, evaluated, saved, tuned, benchmarked, shown in the demo and covered by the catalog contract
 * test without touching anything else. The hybrids get {@link #get} as their {@link animerec.model.FamilyLookup}.
 */
public final class ModelCatalog {
    private static final Map<String, Recommender> FAMILIES = new LinkedHashMap<>();

    static {
        register(PopularityRecommender.byCount());
        register(PopularityRecommender.byRatedCount());
        register(new SvdRecommender());
        register(KnnRecommender.basic());
        register(KnnRecommender.withBaseline());
        register(new ItemKnnRecommender());
        register(new EaseRecommender());
        register(AlsRecommender.conjugateGradient());
        register(AlsRecommender.mllib());
        register(WarpRecommender.warp());
        register(WarpRecommender.bpr());
        for (ContentKind kind : ContentKind.values()) {
            register(new ContentRecommender(kind));
        }
        for (BlendStrategy strategy : BlendStrategy.values()) {
            register(new HybridRecommender(strategy, ModelCatalog::get));
        }
        register(new LtrRecommender(ModelCatalog::get));
    }

    private ModelCatalog() {
    }

    private static void register(Recommender r) {
        FAMILIES.put(r.name(), r);
    }

    public static Recommender get(String name) {
        Recommender r = FAMILIES.get(name);
        if (r == null) {
            throw new UserError("unknown model '" + name + "' (available: " + String.join(", ", FAMILIES.keySet()) + ")");
        }
        return r;
    }

    public static List<String> names() {
        return new ArrayList<>(FAMILIES.keySet());
    }

    public static List<Recommender> all() {
        return new ArrayList<>(FAMILIES.values());
    }
}
