package animerec.app;

import animerec.report.HtmlReport;
import animerec.report.ReportInputs;
import animerec.util.FileAccess;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Reads the records a report shows and writes the report, one HTML file, atomically (no Spark session). */
public final class ReportService {
    private ReportService() {
    }

    /** What was written. */
    public record Written(String path, int models, int studies, long bytes, double seconds) {
    }

    public static Written run(AppContext ctx, ReportRequest request) {
        long t0 = System.nanoTime();
        FileAccess files = ctx.files();
        ReportInputs in = ReportInputs.read(files, request.experiments(), request.artifacts(), request.studies(),
                request.splits());
        if (request.only() != null) {
            in = new ReportInputs(in.runs().stream().filter(r -> request.only().contains(r.key())).toList(), in.entries(),
                    in.splits(), in.studies(), in.notes());
        }
        String html = HtmlReport.render(in, request.title(), "generated " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        files.writeStringAtomically(request.out(), html);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long bytes = html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        System.out.printf("wrote %s: %d model versions, %d tuning studies, %,d KB, in %.1f s%n", request.out(),
                in.runs().size(), in.studies().size(), (bytes + 1023) / 1024, seconds);
        return new Written(request.out(), in.runs().size(), in.studies().size(), bytes, seconds);
    }

    /** The request of a pipeline's report step: its models only, its studies, its split. */
    public static ReportRequest forPipeline(AppContext ctx, String out, List<String> studies, String split,
                                            java.util.Set<String> models) {
        return ReportRequest.of(ctx, studies, List.of(split), out, "animerec pipeline report").only(models);
    }
}
