package org.descent.driver.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Prints one line per iteration, e.g.
 * {@code iter  12/100  loss 0.313100  |grad| 2.410e-02  lr 0.1  rows 10000  34.2 ms  elapsed 4.2s  eta 31.0s}
 * (the wall time since training started and the estimate of {@link IterationPace}), with
 * {@code val 0.4312} after the loss where the validation rows were scored;
 * {@code every > 1} prints only every {@code every}-th iteration (plus the first and last);
 * history.csv always has them all. With local steps a line names the round and the step,
 * {@code round 3  step  12/100  loss ...}: a local round's steps share its time, and only its
 * last step has a gradient norm (that of the averaged change over the round's summed rates).
 */
public final class ProgressLog implements IterationListener {

    private final PrintStream out;
    private final int every;
    private final IterationPace pace;
    private final LocalSgd rounds;

    public ProgressLog(PrintStream out, int every) {
        this(out, every, LocalSgd.SYNCHRONOUS);
    }

    /** @param rounds how iterations group into rounds: with local steps each line names its round */
    public ProgressLog(PrintStream out, int every, LocalSgd rounds) {
        this(out, every, System::nanoTime, rounds);
    }

    /** @param nanoClock the clock of the elapsed time and the estimate, in nanoseconds */
    ProgressLog(PrintStream out, int every, LongSupplier nanoClock) {
        this(out, every, nanoClock, LocalSgd.SYNCHRONOUS);
    }

    ProgressLog(PrintStream out, int every, LongSupplier nanoClock, LocalSgd rounds) {
        if (every < 1) {
            throw new IllegalArgumentException("progress-every must be >= 1, got " + every);
        }
        this.out = out;
        this.every = every;
        this.pace = new IterationPace(nanoClock);
        this.rounds = rounds;
    }

    @Override
    public void onIteration(IterationRecord r, int maxIterations) {
        TimeEstimate time = pace.next(r, maxIterations);
        if (r.iteration() == 1 || r.iteration() % every == 0 || r.iteration() == maxIterations) {
            int width = String.valueOf(maxIterations).length();
            String validation = r.isValidated() ? String.format(Locale.ROOT, "  val %.4g", r.validationLoss()) : "";
            String step = rounds.isLocal() ? "round " + rounds.roundOf(r.iteration()) + "  step " : "iter ";
            out.println(String.format(Locale.ROOT, step + "%" + width + "d/%d  loss %.6g%s  |grad| %.3e  lr %.4g  rows %d  %.1f ms  %s",
                    r.iteration(), maxIterations, r.loss(), validation, r.gradientNorm(), r.learningRate(), r.batchRows(),
                    r.millis(), time));
            out.flush();
        }
    }
}
