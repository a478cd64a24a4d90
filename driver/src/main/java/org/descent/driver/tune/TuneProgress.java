package org.descent.driver.tune;

import org.descent.driver.train.IterationRecord;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The search's console lines: after an evaluation of the validation rows (at most one line
 * per {@code minMillis}, so that a search of many short trials does not flood the terminal)
 * and always at the end of a rung, each with the elapsed time, the rung and its budget, the
 * trials still running and the best score so far with its trial.
 */
public final class TuneProgress {

    private final PrintStream out;
    private final TuneMetric metric;
    private final int trials;
    private final long minNanos;
    private final long start = System.nanoTime();
    private long lastLine = Long.MIN_VALUE;
    private double best = Double.NaN;
    private int bestTrial;
    private String rung = "";
    private int running;

    public TuneProgress(PrintStream out, TuneMetric metric, int trials, long minMillis) {
        this.out = out;
        this.metric = metric;
        this.trials = trials;
        this.minNanos = minMillis * 1_000_000;
    }

    /** A rung begins: {@code running} trials train to {@code budget} iterations. */
    public void rung(int number, int of, int budget, int running) {
        this.rung = "rung " + number + "/" + of + " (" + budget + " it)";
        this.running = running;
    }

    /** Trial {@code trialId} (numbered from 1) did one iteration. */
    public void onIteration(int trialId, IterationRecord record) {
        double score = metric.of(record);
        if (Double.isNaN(score)) {
            return;
        }
        if (metric.better(score, best)) {
            best = score;
            bestTrial = trialId;
        }
        long now = System.nanoTime();
        if (lastLine == Long.MIN_VALUE || now - lastLine >= minNanos) {
            line(String.format(Locale.ROOT, "trial %d at iteration %d: %s %.6g", trialId, record.iteration(),
                    metric.spelling(), score));
        }
    }

    /** A rung ended: {@code goingOn} trials go on (all that still run after the last rung). */
    public void rungEnd(int goingOn, long gradientRows) {
        this.running = goingOn;
        line(String.format(Locale.ROOT, "end of rung, %d trials go on; %d gradient rows so far", goingOn, gradientRows));
    }

    private void line(String what) {
        lastLine = System.nanoTime();
        long s = (lastLine - start) / 1_000_000_000L;
        out.printf(Locale.ROOT, "tune %d:%02d  %s  %d/%d running  best %s %s  | %s%n", s / 60, s % 60, rung, running,
                trials, metric.spelling(), Double.isNaN(best) ? "-" : String.format(Locale.ROOT, "%.6g (trial %d)", best,
                        bestTrial), what);
        out.flush();
    }
}
