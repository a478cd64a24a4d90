package org.descent.driver.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints one line per iteration, e.g.
 * {@code iter  12/100  loss 0.313100  |grad| 2.410e-02  lr 0.1  rows 10000  34.2 ms};
 * {@code every > 1} prints only every {@code every}-th iteration (plus the first and last);
 * history.csv always has them all.
 */
public final class ProgressLog implements IterationListener {

    private final PrintStream out;
    private final int every;

    public ProgressLog(PrintStream out, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("progress-every must be >= 1, got " + every);
        }
        this.out = out;
        this.every = every;
    }

    @Override
    public void onIteration(IterationRecord r, int maxIterations) {
        if (r.iteration() == 1 || r.iteration() % every == 0 || r.iteration() == maxIterations) {
            int width = String.valueOf(maxIterations).length();
            out.println(String.format(Locale.ROOT, "iter %" + width + "d/%d  loss %.6g  |grad| %.3e  lr %.4g  rows %d  %.1f ms",
                    r.iteration(), maxIterations, r.loss(), r.gradientNorm(), r.learningRate(), r.batchRows(), r.millis()));
            out.flush();
        }
    }
}
