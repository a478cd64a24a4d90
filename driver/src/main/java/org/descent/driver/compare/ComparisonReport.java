package org.descent.driver.compare;

import org.descent.driver.output.AtomicOutput;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The files of {@code descent compare --out DIR}:
 * <ul>
 * <li>{@code report.html}: one self-contained page (inline SVG and CSS, no script, nothing
 *     fetched) with the charts of {@link LossCharts} and the table of runs. Written as
 *     well-formed XML as well as HTML, so any XML parser can check it.</li>
 * <li>{@code loss-vs-iteration.png}, {@code loss-vs-time.png}, {@code gap-vs-iteration.png},
 *     {@code gap-vs-time.png} and, when a run takes local steps, {@code loss-vs-round.png}: the
 *     same charts as images.</li>
 * <li>{@code runs.csv}: {@code run,iteration,time_ms,batch_loss,objective}, one row per run and
 *     iteration from 0: the training time after that many iterations, the loss the iteration
 *     computed on its batch at the parameters it started from (as in {@code history.csv}), and
 *     the objective on all rows after it, where it was measured.</li>
 * <li>{@code summary.json}: the table as data.</li>
 * </ul>
 */
public final class ComparisonReport {

    public static final String HTML = "report.html";
    public static final String PNG_BY_ITERATION = "loss-vs-iteration.png";
    public static final String PNG_BY_TIME = "loss-vs-time.png";
    public static final String PNG_GAP_BY_ITERATION = "gap-vs-iteration.png";
    public static final String PNG_GAP_BY_TIME = "gap-vs-time.png";
    public static final String PNG_BY_ROUND = "loss-vs-round.png";
    public static final String CSV = "runs.csv";
    public static final String SUMMARY = "summary.json";
    /** What {@code descent compare} writes to {@code --out}. */
    public static final OutputKind OUTPUT = OutputKind.directoryOf("compare report", HTML, PNG_BY_ITERATION, PNG_BY_TIME,
            PNG_GAP_BY_ITERATION, PNG_GAP_BY_TIME, PNG_BY_ROUND, CSV, SUMMARY);
    public static final String CSV_HEADER = "run,iteration,time_ms,batch_loss,objective";

    private ComparisonReport() {
    }

    /** Every file of the report, by name, for {@link AtomicOutput#writeDirectory}. */
    public static Map<String, AtomicOutput.Content> files(Comparison comparison) {
        Map<String, JFreeChart> charts = new LinkedHashMap<>();
        charts.put(PNG_BY_ITERATION, LossCharts.byIteration(comparison));
        charts.put(PNG_BY_TIME, LossCharts.byTime(comparison));
        charts.put(PNG_GAP_BY_ITERATION, LossCharts.gapByIteration(comparison));
        charts.put(PNG_GAP_BY_TIME, LossCharts.gapByTime(comparison));
        if (anyLocal(comparison)) {
            charts.put(PNG_BY_ROUND, LossCharts.byRound(comparison));
        }
        Map<String, AtomicOutput.Content> files = new LinkedHashMap<>();
        files.put(HTML, out -> {
            Map<String, String> svgs = new LinkedHashMap<>();
            charts.forEach((png, chart) -> svgs.put(png, LossCharts.svg(chart, figureId(png))));
            write(html(comparison, svgs), out);
        });
        charts.forEach((png, chart) -> files.put(png, out -> LossCharts.writePng(chart, out)));
        files.put(CSV, out -> write(csv(comparison), out));
        files.put(SUMMARY, out -> TrainingReport.writeSummary(summary(comparison), out));
        return files;
    }

    /** Whether some run takes local steps, so that its rounds are not its iterations. */
    static boolean anyLocal(Comparison comparison) {
        return comparison.runs().stream().anyMatch(r -> r.setting().config().localSgd().isLocal());
    }

    /** The HTML page; {@code svgs} maps each chart's PNG name to the same chart as SVG, in page order. */
    static String html(Comparison comparison, Map<String, String> svgs) {
        StringBuilder h = new StringBuilder(1 << 16);
        int n = comparison.runs().size();
        Optional<BestRun> best = comparison.best();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>Descent: ").append(n).append(" training runs compared</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(n).append(" training runs compared</h1>\n");
        bestRun(h, comparison, best);
        table(h, comparison, best);
        h.append("<h2>Charts</h2>\n<p class=\"note\">Plotted: the objective F(θ), the weighted mean loss plus the ")
                .append("penalties, on all training rows. A full-batch iteration computes it anyway. A sampled batch's ")
                .append("own loss is only that batch's and noisy, so for those runs an extra pass over all rows measures ")
                .append("the objective every few iterations (see the table); those passes and the final one are not part ")
                .append("of the training time, which is the sum of the iterations' wall times (gradient round and update). ")
                .append("The batch losses are in runs.csv.");
        boolean logIterations = LossCharts.logarithmicIterations(comparison);
        boolean logTime = LossCharts.logarithmicTime(comparison);
        if (logIterations || logTime) {
            h.append(" The ").append(logIterations && logTime ? "iteration and time axes are" : logIterations
                            ? "iteration axis is" : "time axis is")
                    .append(" logarithmic: the longest run goes ten times as far as the shortest or more, and would ")
                    .append("squeeze it into a sliver of a linear axis. The starting point, the same for every run, is ")
                    .append("not drawn there.");
        }
        h.append("</p>\n");
        int i = 0;
        for (Map.Entry<String, String> chart : svgs.entrySet()) {
            if (i == 4) {
                h.append("<p class=\"note\">Against rounds, the Spark jobs of the training loop: a run with local ")
                        .append("steps takes several iterations per round, a synchronous run one.</p>\n");
            }
            if (i++ == 2) {
                h.append("<p class=\"note\">The gap charts plot F(θ) − F_best, F_best = ")
                        .append(number(LossCharts.bestObjective(comparison), "%.9g"))
                        .append(" the smallest objective measured in any run, on a log scale: ")
                        .append(logIterations
                                ? "against the log iteration axis, a straight line is a power law (such as the 1/t of "
                                + "a decaying learning rate) and linear convergence bends ever more steeply down; "
                                : "a straight line is linear convergence, ")
                        .append("a level line is a run held at a distance by its batch noise or its learning rate. ")
                        .append("Points at F_best itself have no gap to draw.</p>\n");
            }
            figure(h, figureId(chart.getKey()), chart.getValue(), chart.getKey());
        }
        h.append("<h2>Setup</h2>\n<table class=\"context\">\n");
        comparison.context().forEach((k, v) -> h.append("<tr><th>").append(escape(k)).append("</th><td>")
                .append(escape(String.valueOf(v))).append("</td></tr>\n"));
        h.append("</table>\n");
        h.append("<p class=\"files\">Beside this page: ").append(String.join(", ", svgs.keySet()))
                .append(", ").append(CSV).append(" (every iteration of every run), ").append(SUMMARY)
                .append(" (the table as data).</p>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The one sentence a reader may stop at: which run did best, and by what measure. */
    private static void bestRun(StringBuilder h, Comparison comparison, Optional<BestRun> best) {
        h.append("<p class=\"verdict\">");
        if (best.isEmpty()) {
            h.append("No run ended with a finite objective.");
        } else if (best.get().measure() == BestRun.Measure.TIME_TO_TARGET) {
            ObjectivePoint reach = best.get().run().reach(comparison.target().value()).orElseThrow();
            h.append("Best: <strong>").append(escape(best.get().name())).append("</strong>, which reached the target ")
                    .append("objective ").append(number(comparison.target().value(), "%.6g"))
                    .append(" in the least training time (").append(number(reach.millis() / 1000, "%.2f")).append(" s, ")
                    .append(reach.iteration()).append(reach.iteration() == 1 ? " iteration)." : " iterations).");
        } else {
            h.append("Best: <strong>").append(escape(best.get().name())).append("</strong>, with the lowest final ")
                    .append("objective (").append(number(best.get().run().result().finalLoss(), "%.6g"))
                    .append("); no run reached the target objective ")
                    .append(number(comparison.target().value(), "%.6g")).append('.');
        }
        h.append("</p>\n");
    }

    /** {@code loss-vs-time.png} becomes the figure id {@code loss-vs-time}. */
    private static String figureId(String png) {
        return png.substring(0, png.length() - ".png".length());
    }

    private static void figure(StringBuilder h, String id, String svg, String png) {
        h.append("<figure id=\"").append(id).append("\">\n").append(svg).append("\n<figcaption>Also as ")
                .append(png).append(".</figcaption>\n</figure>\n");
    }

    /**
     * The table of runs, the columns that decide first (time and iterations to the target, the
     * final objective, the validation metrics) and the settings last, so that the deciding ones
     * stay in view on a laptop's screen however long the settings are.
     */
    private static void table(StringBuilder h, Comparison comparison, Optional<BestRun> best) {
        List<String> metrics = comparison.validationMetrics();
        TargetLoss target = comparison.target();
        h.append("<h2>Runs</h2>\n<div class=\"scroll\"><table class=\"runs\">\n<thead><tr><th>run</th>")
                .append("<th class=\"decide\">time to target (s)</th><th class=\"decide\">iterations to target</th>")
                .append(anyLocal(comparison) ? "<th class=\"decide\">rounds to target</th>" : "")
                .append("<th>final objective</th>");
        for (String m : metrics) {
            h.append("<th>validation ").append(escape(m)).append("</th>");
        }
        h.append("<th>training time (s)</th><th>iterations</th><th>stopped</th><th>ms / iteration</th>")
                .append("<th>objective measured every</th><th>settings</th></tr></thead>\n<tbody>\n");
        for (RunOutcome run : comparison.runs()) {
            var config = run.setting().config();
            boolean isBest = best.isPresent() && best.get().run() == run;
            h.append("<tr").append(isBest ? " class=\"best\"" : "").append(" data-run=\"").append(escape(run.name()))
                    .append("\"><td>").append(escape(run.name()));
            if (isBest) {
                h.append(" <span class=\"badge\">best</span>");
            }
            h.append("</td>");
            Optional<ObjectivePoint> reach = target == null ? Optional.empty() : run.reach(target.value());
            cell(h, reach.map(p -> number(p.millis() / 1000, "%.2f")).orElse("—"));
            cell(h, reach.map(p -> String.valueOf(p.iteration())).orElse("—"));
            if (anyLocal(comparison)) {
                cell(h, reach.map(p -> String.valueOf(p.round())).orElse("—"));
            }
            cell(h, number(run.result().finalLoss(), "%.6g"));
            for (String m : metrics) {
                Double v = run.validation().get(m);
                cell(h, v == null ? "" : number(v, "%.4f"));
            }
            cell(h, number(run.trainingMillis() / 1000, "%.2f"));
            cell(h, String.valueOf(run.result().iterations()));
            h.append("<td>").append(run.result().stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append("</td>");
            cell(h, number(run.trainingMillis() / Math.max(1, run.result().iterations()), "%.1f"));
            h.append("<td>").append(run.objectiveEvery() == 1 ? "iteration" : run.objectiveEvery() + " iterations")
                    .append("</td>");
            h.append("<td class=\"settings\"><code>").append(escape(run.setting().arguments())).append("</code><br/><small>")
                    .append(escape("batch " + config.batch() + ", " + config.optimizer() + ", " + config.schedule()
                            + (config.clipping().isOn() ? ", clip-norm " + config.clipping().maxNorm() : "")
                            + (config.localSgd().isLocal() ? ", " + config.localSgd() : "")))
                    .append("</small></td>");
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n<p class=\"note\">");
        if (target == null) {
            h.append("No run ended with a finite objective, so there is no target.");
        } else {
            h.append("Target objective ").append(number(target.value(), "%.6g")).append(" (")
                    .append(escape(target.rule())).append("). A run reaches the target at the first measurement from ")
                    .append("which its objective stays at or below it to the end; — in the table: it never did. A ")
                    .append("sampled run's objective is measured every few iterations, so its iterations and time to ")
                    .append("the target are exact up to that spacing. The best run reached the target in the least ")
                    .append("training time; when none reached it, the best has the lowest final objective.");
        }
        h.append("</p>\n");
    }

    private static void cell(StringBuilder h, String text) {
        h.append("<td class=\"num\">").append(escape(text)).append("</td>");
    }

    static String csv(Comparison comparison) {
        StringBuilder c = new StringBuilder(CSV_HEADER).append('\n');
        for (RunOutcome run : comparison.runs()) {
            Map<Integer, Double> objective = new HashMap<>();
            for (ObjectivePoint p : run.objective()) {
                objective.put(p.iteration(), p.objective());
            }
            double millis = 0;
            c.append(run.name()).append(",0,0.000,,").append(csvNumber(objective.get(0))).append('\n');
            for (IterationRecord r : run.result().history()) {
                millis += r.millis();
                c.append(run.name()).append(',').append(r.iteration()).append(',')
                        .append(String.format(Locale.ROOT, "%.3f", millis)).append(',').append(r.loss()).append(',')
                        .append(csvNumber(objective.get(r.iteration()))).append('\n');
            }
        }
        return c.toString();
    }

    static Map<String, Object> summary(Comparison comparison) {
        Map<String, Object> s = new LinkedHashMap<>(comparison.context());
        TargetLoss target = comparison.target();
        if (target != null) {
            s.put("targetObjective", target.value());
            s.put("targetRule", target.rule());
        }
        comparison.best().ifPresent(best -> {
            s.put("bestRun", best.name());
            s.put("bestBy", best.measureName());
        });
        List<Map<String, Object>> runs = new ArrayList<>();
        for (RunOutcome run : comparison.runs()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", run.name());
            r.put("arguments", run.setting().arguments());
            r.put("config", run.setting().config().describe());
            r.put("stopReason", run.result().stopReason().name().toLowerCase(Locale.ROOT));
            r.put("message", run.result().message());
            r.put("iterations", run.result().iterations());
            r.put("finalObjective", finiteOrNull(run.result().finalLoss()));
            r.put("trainingMillis", run.trainingMillis());
            r.put("objectiveEvery", run.objectiveEvery());
            r.put("validation", run.validation());
            Optional<ObjectivePoint> reach = target == null ? Optional.empty() : run.reach(target.value());
            r.put("iterationsToTarget", reach.map(ObjectivePoint::iteration).orElse(null));
            r.put("millisToTarget", reach.map(ObjectivePoint::millis).orElse(null));
            r.put("roundsToTarget", reach.map(ObjectivePoint::round).orElse(null));
            runs.add(r);
        }
        s.put("runs", runs);
        return s;
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String csvNumber(Double v) {
        return v == null ? "" : String.valueOf(v);
    }

    private static String number(double v, String format) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : String.valueOf(v);
    }

    /** Text for HTML and XML alike: the five characters that could end text or an attribute. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static void write(String text, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(text);
        writer.flush();
    }

    public static final String CSS = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2em auto;
                   max-width: 1360px; padding: 0 1em; color: #222; }
            h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.5em; }
            table { border-collapse: collapse; margin: 1em 0; }
            th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
            thead th { background: #f2f2f2; }
            table.context th { background: #f7f7f7; font-weight: normal; color: #555; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            figure { margin: 1.5em 0; } figure svg { width: 100%; height: auto; max-width: 960px; display: block; }
            figcaption, .files, small { color: #666; font-size: 0.9em; }
            .note { max-width: 60em; color: #444; }
            code { font-size: 0.95em; }
            .scroll { overflow-x: auto; } table.runs { font-size: 0.9em; width: 100%; }
            table.runs th, table.runs td { padding: 0.3em 0.45em; } table.runs td.settings { min-width: 14em; }
            table.runs thead th { vertical-align: bottom; } thead th.decide { background: #dde8f3; min-width: 5.5em; }
            tr.best td { background: #eef7ee; } .verdict { font-size: 1.1em; }
            .badge { font-size: 0.8em; color: #fff; background: #2e7d32; border-radius: 0.3em; padding: 0.05em 0.4em; }
            """;
}
