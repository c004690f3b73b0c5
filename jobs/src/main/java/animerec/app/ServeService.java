package animerec.app;

import animerec.serve.HttpFront;
import animerec.serve.ServingLoader;
import animerec.serve.ServingState;
import animerec.util.Progress;
import animerec.util.UserError;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.SparkSession;

/**
 * Loads the requested registry versions into memory (with a Spark session, stopped once they are loaded unless it
 * was running before), then answers HTTP until the process is stopped. {@code POST /reload} loads again the same
 * way and swaps the new models in.
 */
public final class ServeService {
    private ServeService() {
    }

    /** Loads and starts answering; the caller closes the returned server. */
    public static HttpFront start(AppContext ctx, ServeRequest request) {
        ServingState state = load(ctx, request);
        try {
            return new HttpFront(state, () -> load(ctx, request), request.host(), request.port(), request.threads());
        } catch (IOException e) {
            throw new UserError("cannot listen on " + request.host() + ":" + request.port() + ": " + e.getMessage(), e);
        }
    }

    /** {@code animerec serve}: starts, says where, and answers until the process is stopped (Ctrl-C). */
    public static void run(AppContext ctx, ServeRequest request) {
        HttpFront front = start(ctx, request);
        double sinceJvm = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3;
        ServingState s = front.state();
        System.out.printf("serving %d model version(s) (%s; default %s) and %,d items on http://%s:%d/ "
                        + "(loaded in %.1f s, %.1f s since start); Ctrl-C stops%n", s.models().size(), String.join(", ", s.keys()),
                s.defaultModel(), s.catalogue().size(), request.host(), front.port(), s.loadSeconds(), sinceJvm);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            front.close();
            stopped.countDown();
        }, "serve-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Similar items by each content kind whose features the data folder stores (genre, tfidf, embedding), with the
     * franchise diversity {@code animerec similar} uses by default; a kind without stored features is left out.
     */
    static java.util.Map<String, animerec.serve.SimilarSource> contentSources(AppContext ctx, SparkSession spark, String data) {
        java.util.Map<String, animerec.serve.SimilarSource> out = new java.util.LinkedHashMap<>();
        for (animerec.model.content.ContentKind kind : animerec.model.content.ContentKind.values()) {
            if (animerec.model.content.FeatureStore.read(spark, data, kind) == null) {
                continue;
            }
            animerec.model.content.FeatureSimilarity f = animerec.model.content.FeatureSimilarity.load(spark, data, kind,
                    ModelParams.features(ctx.config(), kind, null), ctx.seed());
            String label = kind.label();
            String source = label + " features of " + data;
            out.put(label, new animerec.serve.SimilarSource() {
                @Override
                public String kind() {
                    return label;
                }

                @Override
                public String source() {
                    return source;
                }

                @Override
                public java.util.List<animerec.model.serving.Scored> similar(long item, int k) {
                    return f.similar(item, k);
                }
            });
        }
        return out;
    }

    static ServingState load(AppContext ctx, ServeRequest request) {
        boolean running = SparkSession.getDefaultSession().isDefined() || SparkSession.getActiveSession().isDefined();
        SparkSession spark = ctx.spark("animerec serve (loading)");
        Progress.Step step = Progress.step("serve: loading " + String.join(", ", request.models()));
        try {
            ServingState state = ServingLoader.load(spark, ctx.registry(spark), request.models(), request.named(),
                    request.data(), (sp, data) -> contentSources(ctx, sp, data));
            step.done();
            return state;
        } finally {
            if (!running) {
                spark.stop();
            }
        }
    }
}
