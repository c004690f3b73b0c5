package animerec.app;

/**
 * {@code models list} ({@code model} null) or {@code models show NAME[@vX.Y]} on the registry at {@code artifacts},
 * checked before anything is read: the root must not be a file (a missing root lists no models).
 */
public record ModelsRequest(String artifacts, String model) {
    public static ModelsRequest of(AppContext ctx, String model) {
        String artifacts = ctx.config().paths.artifacts;
        new Inputs(ctx).notAFile(artifacts, "--artifacts");
        return new ModelsRequest(artifacts, model);
    }
}
