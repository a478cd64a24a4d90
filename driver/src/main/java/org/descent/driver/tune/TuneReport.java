package org.descent.driver.tune;

import org.descent.driver.compare.ComparisonReport;
import org.descent.driver.compare.LossCharts;
import org.descent.driver.output.AtomicOutput;
import org.descent.driver.output.ModelFile;
import org.descent.driver.output.OutputKind;
import org.descent.driver.output.TrainingReport;
import org.descent.driver.train.IterationRecord;
import org.jfree.chart.JFreeChart;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The files of {@code descent tune --out DIR} besides {@code best/}:
 * <ul>
 * <li>{@code trials.csv} and {@code trials.md}: one row per trial, best first: its rank and
 *     number, every searched setting (empty where its optimizer or schedule does not take it),
 *     its score (the best validation evaluation), the iteration of that evaluation, the
 *     iterations it ran, why it stopped and the last rung it trained in.</li>
 * <li>{@code report.html}: one self-contained page (inline SVG, no script) with the
 *     validation score of every trial against iterations, the best trial's line highlighted,
 *     and the same table.</li>
 * </ul>
 * {@code best/} holds the best trial as {@code descent train --out} writes a model (model.json,
 * history.csv, summary.json) and {@code train.conf}, its settings as a config file of
 * {@code descent train}.
 */
public final class TuneReport {

    public static final String CSV = "trials.csv";
    public static final String MARKDOWN = "trials.md";
    public static final String HTML = ComparisonReport.HTML;
    public static final String BEST = "best/";
    public static final String BEST_CONFIG = BEST + "train.conf";
    /** What {@code descent tune} writes to {@code --out}, so that {@code --overwrite} recognizes it. */
    public static final OutputKind OUTPUT = OutputKind.directoryOf("tune report", CSV, MARKDOWN, HTML,
            BEST + ModelFile.NAME, BEST + TrainingReport.HISTORY, BEST + TrainingReport.SUMMARY, BEST_CONFIG);

    /**
     * What a report shows besides the outcomes.
     *
     * @param keys    the searched settings, in the search's order
     * @param context the setup, by name, for the page's last table
     */
    public record Search(List<TrialOutcome> outcomes, List<String> keys, TuneMetric metric, HalvingPlan plan,
                         Map<String, Object> context) {
        public Search {
            outcomes = List.copyOf(outcomes);
            keys = List.copyOf(keys);
            context = new LinkedHashMap<>(context);
        }

        /** The best trial, if any trial scored a number without diverging. */
        public TrialOutcome best() {
            return outcomes.isEmpty() || !outcomes.get(0).ranked() ? null : outcomes.get(0);
        }
    }

    private TuneReport() {
    }

    /** trials.csv, trials.md and report.html, by name, for {@link AtomicOutput#writeDirectory}. */
    public static Map<String, AtomicOutput.Content> files(Search search) {
        Map<String, AtomicOutput.Content> files = new LinkedHashMap<>();
        files.put(CSV, out -> write(csv(search), out));
        files.put(MARKDOWN, out -> write(markdown(search), out));
        files.put(HTML, out -> write(html(search, LossCharts.svg(chart(search), "trials")), out));
        return files;
    }

    /** The table's header cells. */
    private static List<String> header(Search search) {
        List<String> h = new ArrayList<>(List.of("rank", "trial"));
        h.addAll(search.keys());
        h.addAll(List.of("validation_" + search.metric().spelling(), "best_iteration", "iterations", "stop_reason",
                "rung"));
        return h;
    }

    /** The table's rows, best first, in the cells' text. */
    private static List<List<String>> rows(Search search, Function<Double, String> number) {
        List<List<String>> rows = new ArrayList<>();
        int rank = 0;
        for (TrialOutcome o : search.outcomes()) {
            List<String> row = new ArrayList<>();
            row.add(o.ranked() ? Integer.toString(++rank) : "");
            row.add(Integer.toString(o.trial().id()));
            for (String key : search.keys()) {
                row.add(o.trial().values().getOrDefault(key, ""));
            }
            row.add(Double.isNaN(o.best().score()) ? "" : number.apply(o.best().score()));
            row.add(o.best().iteration() == 0 ? "" : Integer.toString(o.best().iteration()));
            row.add(Integer.toString(o.result().iterations()));
            row.add(o.stopReason());
            row.add(Integer.toString(o.rung()));
            rows.add(row);
        }
        return rows;
    }

    static String csv(Search search) {
        StringBuilder s = new StringBuilder(String.join(",", header(search))).append('\n');
        for (List<String> row : rows(search, d -> Double.toString(d))) {
            s.append(String.join(",", row.stream().map(TuneReport::csvField).toList())).append('\n');
        }
        return s.toString();
    }

    /** A field as RFC 4180 writes it: quoted when it holds a comma or a quote (a network's widths). */
    private static String csvField(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    static String markdown(Search search) {
        StringBuilder s = new StringBuilder("# Trials of descent tune\n\n").append(verdict(search, false)).append("\n\n")
                .append(rungs(search)).append("\n\n");
        List<String> header = header(search);
        s.append("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> s.append("---|"));
        s.append('\n');
        for (List<String> row : rows(search, TuneReport::shortNumber)) {
            s.append("| ").append(String.join(" | ", row.stream().map(c -> c.replace("|", "\\|")).toList()))
                    .append(" |\n");
        }
        return s.toString();
    }

    /** The sentence a reader may stop at. */
    private static String verdict(Search search, boolean html) {
        TrialOutcome best = search.best();
        if (best == null) {
            return "No trial scored a finite " + search.metric().label() + ".";
        }
        String settings = SearchSpace.describe(best.trial().values());
        return "Best: trial " + best.trial().id() + " (" + (html ? ComparisonReport.escape(settings) : "`" + settings + "`")
                + "), " + search.metric().label() + " " + shortNumber(best.best().score()) + " at iteration "
                + best.best().iteration() + " of " + best.result().iterations() + ".";
    }

    private static String rungs(Search search) {
        HalvingPlan plan = search.plan();
        long dropped = search.outcomes().stream().filter(TrialOutcome::dropped).count();
        long diverged = search.outcomes().stream().filter(TrialOutcome::diverged).count();
        String budgets = plan.halves() ? "Successive halving, η = " + plan.eta() + ", rungs of " + plan.budgets()
                .stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("") + " iterations: " + dropped
                + " trials dropped." : "Every trial trained to " + plan.budgets().get(0) + " iterations at most.";
        return search.outcomes().size() + " trials, ranked by their best " + search.metric().label() + ". " + budgets
                + (diverged > 0 ? " " + diverged + " diverged (ranked last)." : "");
    }

    private static String shortNumber(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : String.valueOf(v);
    }

    /**
     * Every trial's validation score against iterations, the best one highlighted. The axis
     * is linear and cut where the poor trials would flatten the good ones into a line at the
     * bottom: at the median of the trials' first evaluations (a trial that has not learned
     * yet), or further out if the best trial's own line needs it (the other way round for a
     * metric where higher is better).
     */
    static JFreeChart chart(Search search) {
        TuneMetric metric = search.metric();
        List<LossCharts.Line> lines = new ArrayList<>();
        int highlighted = -1;
        List<TrialOutcome> byId = new ArrayList<>(search.outcomes());
        byId.sort((a, b) -> Integer.compare(a.trial().id(), b.trial().id()));
        for (TrialOutcome o : byId) {
            List<double[]> points = points(o, metric);
            if (o == search.best()) {
                highlighted = lines.size();
            }
            lines.add(new LossCharts.Line("trial " + o.trial().id() + (o == search.best() ? " (best)" : ""),
                    points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray()));
        }
        double cut = axisCut(search);
        return LossCharts.lines(capitalized(metric.label()) + " of every trial vs iteration", "iteration", false,
                metric.label(), false, lines, highlighted, true, metric.higherIsBetter() ? cut : Double.NaN,
                metric.higherIsBetter() ? Double.NaN : cut);
    }

    private static List<double[]> points(TrialOutcome o, TuneMetric metric) {
        List<double[]> points = new ArrayList<>();
        for (IterationRecord r : o.result().history()) {
            double v = metric.of(r);
            if (Double.isFinite(v)) {
                points.add(new double[]{r.iteration(), v});
            }
        }
        return points;
    }

    /** Where the chart's axis ends on the side of poor scores (see {@link #chart}); NaN when there are no points. */
    static double axisCut(Search search) {
        TuneMetric metric = search.metric();
        List<Double> firsts = new ArrayList<>();
        for (TrialOutcome o : search.outcomes()) {
            List<double[]> points = points(o, metric);
            if (!points.isEmpty()) {
                firsts.add(points.get(0)[1]);
            }
        }
        if (firsts.isEmpty()) {
            return Double.NaN;
        }
        firsts.sort(Double::compare);
        double cut = firsts.get(firsts.size() / 2);
        if (search.best() != null) {
            for (double[] p : points(search.best(), metric)) {
                cut = metric.higherIsBetter() ? Math.min(cut, p[1]) : Math.max(cut, p[1]);
            }
        }
        return cut;
    }

    /** Whether some trial's point lies beyond {@link #axisCut}, off the chart. */
    private static boolean cutsPoints(Search search) {
        double cut = axisCut(search);
        return search.outcomes().stream().flatMap(o -> points(o, search.metric()).stream())
                .anyMatch(p -> search.metric().higherIsBetter() ? p[1] < cut : p[1] > cut);
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String html(Search search, String svg) {
        StringBuilder h = new StringBuilder(1 << 16);
        int n = search.outcomes().size();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>Descent: a search of ").append(n).append(" trials</title>\n")
                .append("<style>\n").append(ComparisonReport.CSS).append("</style>\n</head>\n<body>\n")
                .append("<h1>A search of ").append(n).append(" trials</h1>\n")
                .append("<p class=\"verdict\">").append(verdict(search, true)).append(" Its model is in <code>best/</code>.</p>\n")
                .append("<p class=\"note\">").append(ComparisonReport.escape(rungs(search)))
                .append(" A trial's score is its best evaluation on the validation rows; the line of each trial ends ")
                .append("where it stopped, was dropped or diverged.")
                .append(cutsPoints(search) ? " The vertical axis ends at " + shortNumber(axisCut(search))
                        + ", about where trials stand before they have learned: poorer points beyond it are off the "
                        + "chart (all trials are in the table)." : "")
                .append("</p>\n")
                .append("<figure id=\"trials\">").append(svg).append("</figure>\n<h2>Trials</h2>\n")
                .append("<div class=\"scroll\"><table class=\"runs\">\n<thead><tr>");
        for (String cell : header(search)) {
            h.append("<th>").append(ComparisonReport.escape(cell.replace('_', ' '))).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        TrialOutcome best = search.best();
        List<List<String>> rows = rows(search, TuneReport::shortNumber);
        for (int i = 0; i < rows.size(); i++) {
            h.append(search.outcomes().get(i) == best ? "<tr class=\"best\">" : "<tr>");
            for (String cell : rows.get(i)) {
                h.append("<td>").append(ComparisonReport.escape(cell)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table></div>\n<h2>Setup</h2>\n<table class=\"context\">\n");
        search.context().forEach((k, v) -> h.append("<tr><th>").append(ComparisonReport.escape(k)).append("</th><td>")
                .append(ComparisonReport.escape(String.valueOf(v))).append("</td></tr>\n"));
        h.append("</table>\n<p class=\"files\">Beside this page: ").append(CSV).append(", ").append(MARKDOWN)
                .append(" (the table), best/ (the best trial's model, history, summary and train.conf).</p>\n")
                .append("</body>\n</html>\n");
        return h.toString();
    }

    private static void write(String text, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(text);
        writer.flush();
    }
}
