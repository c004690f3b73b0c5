package animerec.app;

import animerec.data.ingest.Separators;
import animerec.split.SplitJob;
import animerec.split.SplitSettings;

/** A split to write, checked before Spark starts: the settings, what to split, and the split folder. */
public record SplitRequest(SplitSettings settings, SplitJob.Source source, String out) {
    /**
     * {@code strategy}, the ratios and the given-strategy arguments may be null (the config's defaults; not the given
     * strategy); {@code sep} is the given files' separator.
     */
    public static SplitRequest of(AppContext ctx, String data, String strategy, Double testRatio, Double validationRatio,
                                  String train, String test, String sep, Double unratedMarker, String items, String out) {
        SplitSettings settings = SplitSettings.of(ctx.config(), strategy, testRatio, validationRatio);
        SplitJob.Given given = train == null && test == null && unratedMarker == null ? null
                : new SplitJob.Given(train, test, Separators.parse(sep), unratedMarker);
        SplitJob.Source source = new SplitJob.Source(data, given, items);
        SplitJob.check(settings, source);
        Inputs files = new Inputs(ctx);
        if (data != null) {
            files.dataset(data, "--data");
        }
        if (given != null) {
            files.exists(given.train(), "--train");
            files.exists(given.test(), "--test");
            for (String f : new String[] {given.train(), given.test()}) {
                java.nio.file.Path local = files.localFile(f);
                if (local != null) {
                    SplitJob.checkLocalGiven(f, local, given);
                }
            }
        }
        if (items != null) {
            files.dataset(items, "--items");
        }
        files.notAFile(out, "--out");
        return new SplitRequest(settings, source, out);
    }
}
