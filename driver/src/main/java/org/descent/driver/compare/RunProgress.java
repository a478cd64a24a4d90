package org.descent.driver.compare;

import org.descent.driver.train.IterationListener;
import org.descent.driver.train.IterationPace;
import org.descent.driver.train.IterationRecord;
import org.descent.driver.train.TimeEstimate;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress within one run of a comparison, e.g.
 * {@code [2/4 adam] iter 500/2000  batch loss 0.313100  elapsed 12.3s  eta 36.1s}: at most
 * one line per {@code intervalMillis} of the run's wall time, and its last iteration, so that
 * a long run says how it is getting on and a short one adds a single line. The loss is the
 * iteration's own: the objective on all rows for a full batch, the batch's (noisy) for a
 * sampled one.
 */
final class RunProgress implements IterationListener {

    /** Time between two lines of one run: often enough to see it move, rarely enough to read. */
    static final double DEFAULT_INTERVAL_MILLIS = 2_000;

    private final PrintStream out;
    private final String label;
    private final String lossName;
    private final double intervalMillis;
    private final IterationPace pace;
    private double printedAt;

    /**
     * @param label     the run as the lines name it, e.g. {@code 2/4 adam}
     * @param sampled   whether the run's batch is sampled (its loss is the batch's)
     * @param nanoClock {@code System::nanoTime}, or a fake clock in tests
     */
    RunProgress(PrintStream out, String label, boolean sampled, double intervalMillis, LongSupplier nanoClock) {
        if (!(intervalMillis >= 0)) {
            throw new IllegalArgumentException("interval must be >= 0 ms, got " + intervalMillis);
        }
        this.out = out;
        this.label = label;
        this.lossName = sampled ? "batch loss" : "loss";
        this.intervalMillis = intervalMillis;
        this.pace = new IterationPace(nanoClock);
    }

    @Override
    public void onIteration(IterationRecord r, int maxIterations) {
        TimeEstimate time = pace.next(r, maxIterations);
        if (time.elapsedMillis() - printedAt >= intervalMillis || r.iteration() == maxIterations) {
            printedAt = time.elapsedMillis();
            int width = String.valueOf(maxIterations).length();
            out.println(String.format(Locale.ROOT, "[%s] iter %" + width + "d/%d  %s %.6g  %s", label, r.iteration(),
                    maxIterations, lossName, r.loss(), time));
            out.flush();
        }
    }
}
