package animerec.app;

import animerec.serve.HttpFront;
import animerec.serve.ServingLoader;
import animerec.serve.ServingState;
import animerec.util.Progress;
import animerec.util.UserError;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;

/**
 * Loads the requested registry versions into memory (without Spark: {@link ServingLoader}), then answers HTTP until
 * the process is stopped. {@code POST /reload} loads again the same way and swaps the new models in.
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

    static ServingState load(AppContext ctx, ServeRequest request) {
        Progress.Step step = Progress.step("serve: loading " + String.join(", ", request.models()));
        ServingState state = ServingLoader.load(ctx.registry(), ctx.files(), request.models(), request.named(), request.data());
        step.done();
        return state;
    }
}
