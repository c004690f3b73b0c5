package animerec.app;

import animerec.util.UserError;
import java.util.List;
import java.util.Set;

/**
 * {@code animerec report}: an HTML report of the experiment records under {@code experiments}, the registry at
 * {@code artifacts}, the given tuning {@code studies} and {@code splits}, written to {@code out}. {@code only}
 * ({@code name@version} keys; null for every version) restricts the models shown. Checked before anything is read.
 */
public record ReportRequest(String experiments, String artifacts, List<String> studies, List<String> splits, String out,
                            String title, Set<String> only) {
    public static ReportRequest of(AppContext ctx, List<String> studies, List<String> splits, String out, String title) {
        Inputs inputs = new Inputs(ctx);
        String experiments = ctx.config().paths.experiments;
        String artifacts = ctx.config().paths.artifacts;
        inputs.notAFile(experiments, "--experiments");
        inputs.notAFile(artifacts, "--artifacts");
        for (String s : studies == null ? List.<String>of() : studies) {
            inputs.exists(s, "--studies");
            if (ctx.plainLocal(s) == null) {
                throw new UserError("--studies " + s + ": tuning studies are read from local folders");
            }
        }
        for (String s : splits == null ? List.<String>of() : splits) {
            inputs.folder(s, "--split");
        }
        if (out == null || out.isBlank()) {
            throw new UserError("--out: give the report's file, e.g. --out report.html");
        }
        if (!out.endsWith(".html") && !out.endsWith(".htm")) {
            throw new UserError("--out " + out + ": the report is one HTML file; name it *.html");
        }
        Boolean dir = ctx.files().isDirectory(out);
        if (Boolean.TRUE.equals(dir)) {
            throw new UserError("--out " + out + ": a folder, not a file");
        }
        String parent = new org.apache.hadoop.fs.Path(out).getParent() == null ? null
                : new org.apache.hadoop.fs.Path(out).getParent().toString();
        if (parent != null && !parent.isEmpty()) {
            inputs.writableRoot(parent, "--out");
        }
        return new ReportRequest(experiments, artifacts, studies == null ? List.of() : List.copyOf(studies),
                splits == null ? List.of() : List.copyOf(splits), out, title == null ? "animerec report" : title, null);
    }

    /** This request showing only the {@code name@version} keys given. */
    public ReportRequest only(Set<String> keys) {
        return new ReportRequest(experiments, artifacts, studies, splits, out, title, Set.copyOf(keys));
    }
}
