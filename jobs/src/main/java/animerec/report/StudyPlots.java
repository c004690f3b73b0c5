package animerec.report;

import static animerec.report.HtmlReport.esc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One tuning study's plots, as Optuna draws them: the best value so far by trial, every trial's value (pruned trials
 * marked, at the last intermediate value they reported), and one slice plot per parameter.
 */
final class StudyPlots {
    private StudyPlots() {
    }

    static void render(ReportInputs.StudyData s, StringBuilder body) {
        JsonNode st = s.study();
        // the objective's full name is in the header line; the axes say "objective value"
        String objective = "objective value";
        body.append("<h3 id=\"study-").append(esc(s.name().replaceAll("[^A-Za-z0-9_-]", "-"))).append("\">")
                .append(esc(s.name())).append("</h3>\n<p class=\"meta\">")
                .append(esc(String.format(Locale.ROOT, "objective: %s · model %s · sampler %s · pruner %s · %d trials (%d "
                                + "complete, %d pruned, %d failed) · %.0f s · %s", st.path("objective").asText("?"),
                        st.path("model").asText(), st.path("sampler").asText(),
                        st.path("pruner").asText(), st.path("finished").asInt(), st.path("complete").asInt(),
                        st.path("pruned").asInt(), st.path("failed").asInt(), st.path("seconds").asDouble(), s.source())))
                .append("</p>\n");
        JsonNode best = st.path("best");
        if (best.isObject()) {
            body.append("<p class=\"meta\">").append(esc(String.format(Locale.ROOT, "best: trial %d, value %.4f, params %s",
                    best.path("trial").asInt(), best.path("value").asDouble(), best.path("params")))).append("</p>\n");
        }
        double[] bestSoFar = HtmlReport.doubles(st.get("best_value_by_trial"));
        double[] x = new double[bestSoFar.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        figure(body, Plots.line("Best value so far (" + s.name() + ")", "trial", false, objective, false,
                        List.of(new Plots.Series("best so far", x, bestSoFar, null)), true),
                "How the study converged: a curve still climbing at the last trial says more trials would pay; a long flat "
                        + "tail says the search has settled.");
        if (s.trials().isEmpty()) {
            body.append("<p class=\"note\">").append(esc(s.name() + ": no trials file beside " + s.source()
                    + ", so no per-trial plots.")).append("</p>\n");
            return;
        }
        List<Map<String, String>> trials = s.trials();
        List<double[]> complete = new ArrayList<>();
        List<double[]> pruned = new ArrayList<>();
        for (Map<String, String> t : trials) {
            double n = parse(t.get("number"));
            if ("COMPLETE".equals(t.get("state"))) {
                complete.add(new double[] {n, parse(t.get("value"))});
            } else if ("PRUNED".equals(t.get("state"))) {
                pruned.add(new double[] {n, parse(t.get("last_intermediate"))});
            }
        }
        List<Plots.Series> points = new ArrayList<>();
        points.add(series("complete", complete, null));
        if (!pruned.isEmpty()) {
            points.add(series("pruned (last intermediate value)", pruned, "cross"));
        }
        figure(body, Plots.scatter("Every trial's value (" + s.name() + ")", "trial", false, objective, false, points),
                "Each point is one trial; crosses are pruned trials at the last value they reported before the pruner "
                        + "stopped them, which should sit below the complete ones.");
        for (String column : trials.get(0).keySet()) {
            if (!column.startsWith("params_")) {
                continue;
            }
            slice(body, s.name(), column.substring("params_".length()), column, trials, objective);
        }
    }

    private static void slice(StringBuilder body, String study, String param, String column,
                              List<Map<String, String>> trials, String objective) {
        boolean numeric = true;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Map<String, String> t : trials) {
            String v = t.get(column);
            if (v == null || v.isEmpty()) {
                continue;
            }
            double d = parse(v);
            if (Double.isNaN(d)) {
                numeric = false;
                break;
            }
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
        }
        String caption = "Each trial's value against " + param + ": where the good trials gather is the range to search; "
                + "a flat cloud says the parameter matters little.";
        if (numeric && lo <= hi) {
            boolean log = lo > 0 && hi / lo >= 100;
            List<double[]> complete = new ArrayList<>();
            List<double[]> pruned = new ArrayList<>();
            for (Map<String, String> t : trials) {
                double v = parse(t.get(column));
                if ("COMPLETE".equals(t.get("state"))) {
                    complete.add(new double[] {v, parse(t.get("value"))});
                } else if ("PRUNED".equals(t.get("state"))) {
                    pruned.add(new double[] {v, parse(t.get("last_intermediate"))});
                }
            }
            List<Plots.Series> points = new ArrayList<>();
            points.add(series("complete", complete, null));
            if (!pruned.isEmpty()) {
                points.add(series("pruned", pruned, "cross"));
            }
            figure(body, Plots.scatter("Slice: " + param + " (" + study + ")", param + (log ? " (log scale)" : ""), log,
                    objective, false, points), caption);
        } else {
            Map<String, double[]> byValue = new LinkedHashMap<>();
            for (Map<String, String> t : trials) {
                if ("COMPLETE".equals(t.get("state"))) {
                    double[] a = byValue.computeIfAbsent(String.valueOf(t.get(column)), k -> new double[2]);
                    a[0] += parse(t.get("value"));
                    a[1]++;
                }
            }
            List<String> cats = new ArrayList<>();
            double[] means = new double[byValue.size()];
            int i = 0;
            for (Map.Entry<String, double[]> e : byValue.entrySet()) {
                cats.add(e.getKey() + " (" + (long) e.getValue()[1] + " trials)");
                means[i++] = e.getValue()[0] / e.getValue()[1];
            }
            figure(body, Plots.bars("Slice: " + param + " (" + study + ")", "mean " + objective, cats,
                    List.of(new Plots.BarSeries("mean of complete trials", means))), caption);
        }
    }

    private static Plots.Series series(String name, List<double[]> points, String marker) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return new Plots.Series(name, x, y, null, marker);
    }

    private static void figure(StringBuilder body, String svg, String caption) {
        body.append("<figure class=\"plot\">").append(svg).append("<figcaption>").append(esc(caption))
                .append("</figcaption></figure>\n");
    }

    static double parse(String s) {
        if (s == null || s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
