package org.descent.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything one run of the suite measured, written as {@code results.json} and
 * {@code results.md} (the table docs/performance.md shows): the memory bandwidth, per-iteration times
 * side by side with MLlib, the fixed per-iteration overhead and the time to spark.ml's loss.
 */
public final class BenchmarkReport {

    private final Map<String, Object> environment = new LinkedHashMap<>();
    private final List<MemoryBandwidth.Result> bandwidth = new ArrayList<>();
    private final List<BatchTiming> timings = new ArrayList<>();
    private final Map<String, Object> notes = new LinkedHashMap<>();
    private BatchTiming overhead;
    private LogisticTimeToLoss.Result timeToLoss;
    private PipelineTimeToObjective.Result pipeline;
    private String frameLoadData;
    private List<FrameLoadTiming.Timing> frameLoad;

    public void environment(String key, Object value) {
        environment.put(key, value);
    }

    public void note(String key, Object value) {
        notes.put(key, value);
    }

    public void bandwidth(List<MemoryBandwidth.Result> results) {
        bandwidth.addAll(results);
    }

    public void timing(BatchTiming timing) {
        timings.add(timing);
    }

    public void overhead(BatchTiming timing) {
        overhead = timing;
    }

    public void timeToLoss(LogisticTimeToLoss.Result result) {
        timeToLoss = result;
    }

    public void pipeline(PipelineTimeToObjective.Result result) {
        pipeline = result;
    }

    public void frameLoad(String data, List<FrameLoadTiming.Timing> timings) {
        frameLoadData = data;
        frameLoad = timings;
    }

    /** The read-only (sum) bandwidth on the most threads measured, the limit a pass can reach. */
    public double readBandwidth() {
        return bandwidth.stream().filter(r -> r.kernel().equals("sum"))
                .max((a, b) -> Integer.compare(a.threads(), b.threads()))
                .map(MemoryBandwidth.Result::gigabytesPerSecond).orElse(Double.NaN);
    }

    private double fullMillis(String dataset) {
        return timings.stream().filter(t -> t.dataset().equals(dataset) && t.fraction() == 1.0)
                .mapToDouble(BatchTiming::descentMillis).findFirst().orElse(Double.NaN);
    }

    private double fullMllibMillis(String dataset) {
        return timings.stream().filter(t -> t.dataset().equals(dataset) && t.fraction() == 1.0)
                .mapToDouble(BatchTiming::mllibMillis).findFirst().orElse(Double.NaN);
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        if (!bandwidth.isEmpty()) {
            md.append(String.format(Locale.ROOT, "Memory bandwidth (STREAM-style, %s):%n%n", environment.getOrDefault("streamArray", "")));
            md.append("| kernel | threads | GB/s |\n|---|---|---|\n");
            for (MemoryBandwidth.Result r : bandwidth) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %.2f |%n", r.kernel(), r.threads(), r.gigabytesPerSecond()));
            }
        }
        if (!timings.isEmpty()) {
            md.append(String.format(Locale.ROOT, "%nPer-iteration time, median ms (MLlib: mean by slope), %s, %s partitions:%n%n",
                    environment.getOrDefault("master", ""), environment.getOrDefault("partitions", "?")));
            md.append("| data | batch | Descent ms | MLlib ms | Descent / MLlib | cheaper than full (Descent / MLlib) | Descent GB/s | of read bandwidth | a Descent task: ms (on CPU) |\n");
            md.append("|---|---|---|---|---|---|---|---|---|\n");
            double read = readBandwidth();
            for (BatchTiming t : timings) {
                double gbs = t.descentGigabytesPerSecond();
                md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %s | %s | %.1fx / %s | %.2f | %.0f%% | %s |%n",
                        t.dataset(), t.batch(), t.descentMillis(), number(t.mllibMillis(), "%.1f"),
                        number(t.timeRatio(), "%.2f"), fullMillis(t.dataset()) / t.descentMillis(),
                        Double.isNaN(t.mllibMillis()) ? "-" : String.format(Locale.ROOT, "%.1fx", fullMllibMillis(t.dataset()) / t.mllibMillis()),
                        gbs, 100 * gbs / read, taskColumn(t.tasks())));
            }
        }
        if (overhead != null) {
            md.append(String.format(Locale.ROOT, "%nFixed per-iteration overhead (%s, full batch): Descent %.2f ms median "
                            + "(a task: %s ms), MLlib %s ms.%n",
                    overhead.dataset(), overhead.descentMillis(), taskColumn(overhead.tasks()), number(overhead.mllibMillis(), "%.2f")));
        }
        if (timeToLoss != null) {
            LogisticTimeToLoss.Result r = timeToLoss;
            md.append(String.format(Locale.ROOT, "%nTime to spark.ml LogisticRegression's training loss (target %.6f, its loss + slack):%n%n", r.targetLoss()));
            md.append("| trainer | settings | iterations | seconds |\n|---|---|---|---|\n");
            md.append(String.format(Locale.ROOT, "| spark.ml LogisticRegression | L-BFGS, defaults, whole fit | %d | %.2f |%n",
                    r.sparkMlIterations(), r.sparkMlMillis() / 1e3));
            for (LogisticTimeToLoss.DescentRun run : r.runs()) {
                md.append(String.format(Locale.ROOT, "| Descent%s | %s, full batch | %s | %s |%n",
                        run == r.best() ? " (fastest)" : "", run.settings(),
                        run.reached() ? Integer.toString(run.iterations()) : "not reached",
                        run.reached() ? String.format(Locale.ROOT, "%.2f", run.millis() / 1e3) : "-"));
            }
        }
        if (pipeline != null) {
            md.append(pipelineMarkdown(pipeline));
        }
        if (frameLoad != null) {
            md.append(String.format(Locale.ROOT, "%nLoading the same rows into cached blocks (%s), median of the runs:%n%n",
                    frameLoadData));
            md.append("| input | seconds, median (fastest) | rows per second, median (fastest) | CPU seconds, median |\n"
                    + "|---|---|---|---|\n");
            for (FrameLoadTiming.Timing t : frameLoad) {
                md.append(String.format(Locale.ROOT, "| %s | %.2f (%.2f) | %,.0f (%,.0f) | %.2f |%n", t.input(),
                        t.medianSeconds(), t.fastestSeconds(), t.rowsPerSecond(), t.rows() / t.fastestSeconds(),
                        t.cpuSeconds()));
            }
        }
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        }
        return md.toString();
    }

    public Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("environment", environment);
        root.put("memoryBandwidth", bandwidth);
        root.put("readBandwidthGBs", readBandwidth());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BatchTiming t : timings) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("data", t.dataset());
            row.put("batch", t.batch());
            row.put("descentMillis", t.descentMillis());
            row.put("mllibMillis", finite(t.mllibMillis()));
            row.put("descentOverMllib", finite(t.timeRatio()));
            row.put("descentCheaperThanFull", fullMillis(t.dataset()) / t.descentMillis());
            row.put("mllibCheaperThanFull", finite(fullMllibMillis(t.dataset()) / t.mllibMillis()));
            row.put("descentGBs", t.descentGigabytesPerSecond());
            row.put("fractionOfReadBandwidth", t.descentGigabytesPerSecond() / readBandwidth());
            row.put("descentTasks", t.tasks());
            rows.add(row);
        }
        root.put("iterations", rows);
        if (overhead != null) {
            Map<String, Object> fixed = new LinkedHashMap<>();
            fixed.put("data", overhead.dataset());
            fixed.put("descentMillis", overhead.descentMillis());
            fixed.put("mllibMillis", finite(overhead.mllibMillis()));
            fixed.put("descentTasks", overhead.tasks());
            root.put("overhead", fixed);
        }
        if (timeToLoss != null) {
            root.put("timeToLoss", timeToLoss);
        }
        if (pipeline != null) {
            root.put("pipeline", pipeline);
        }
        if (frameLoad != null) {
            Map<String, Object> load = new LinkedHashMap<>();
            load.put("data", frameLoadData);
            load.put("timings", frameLoad);
            root.put("frameLoad", load);
        }
        root.put("notes", notes);
        return root;
    }

    private static String pipelineMarkdown(PipelineTimeToObjective.Result r) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%nDescentClassifier against spark.ml LogisticRegression, each alone in a Pipeline, "
                        + "on the same cached DataFrame (%,d x %d, %d partitions): whole Pipeline.fit to spark.ml's objective "
                        + "(mean log loss, no penalty, one function on each model's coefficients; both standardizing); "
                        + "target %.6f = %.6f + %.0e:%n%n",
                r.rows(), r.features(), r.partitions(), r.target(), r.target() - r.slack(), r.slack()));
        md.append("| trainer | settings | iterations | fit seconds | of which iterations | CPU seconds | objective | reached "
                + "| spark.ml / this: wall (CPU) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        List<PipelineTimeToObjective.Fit> all = new ArrayList<>();
        all.add(r.sparkMl());
        all.addAll(r.descentDefaults());
        all.addAll(r.descentTuned());
        for (PipelineTimeToObjective.Fit f : all) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %s | %.2f | %.6f | %s | %s |%n", f.trainer(),
                    f.settings(), f.iterations(), f.seconds(), number(f.trainSeconds(), "%.2f"), f.cpuSeconds(),
                    f.objective(), f.reached() ? "yes" : "no", f.reached() ? String.format(Locale.ROOT, "%.1fx (%.1fx)",
                            r.sparkMl().seconds() / f.seconds(), r.sparkMl().cpuSeconds() / f.cpuSeconds()) : "-"));
        }
        return md.toString();
    }

    /** Writes results.json and results.md into {@code dir}, each under a temporary name first. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        writeAtomically(dir.resolve("results.json"), json.writeValueAsBytes(json()));
        writeAtomically(dir.resolve("results.md"), markdown().getBytes(StandardCharsets.UTF_8));
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.write(temp, bytes);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A task's mean run time and, in parentheses, its CPU time; "-" if not measured. */
    private static String taskColumn(TaskTimes.Anatomy tasks) {
        return tasks == null ? "-" : String.format(Locale.ROOT, "%.1f (%.1f)", tasks.runMillis(), tasks.cpuMillis());
    }

    private static Object finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static String number(double value, String format) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "-";
    }
}
