package org.descent.bench;

import org.descent.driver.round.BatchMode;
import org.descent.driver.round.GradientRound;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Times Descent's gradient round: the JVM warm-up ({@link #warmUntilCompiled}), then per batch
 * mode untimed rounds and the median wall time of {@code iterations} timed ones
 * ({@link #interleavedMedians}), each a complete round (parameters out, one Spark job, sums
 * back on the driver). Each round uses its own iteration number, so sampled batches differ as
 * in training.
 */
public final class RoundTiming {

    static final int WARMUP_BATCH = 100;

    private final int warmup;
    private final int iterations;
    private long nextIteration;

    public RoundTiming(int warmup, int iterations) {
        if (warmup < 0 || iterations < 1) {
            throw new IllegalArgumentException("warm-up must be >= 0 and iterations >= 1, got " + warmup + ", " + iterations);
        }
        this.warmup = warmup;
        this.iterations = iterations;
    }

    /** Untimed rounds at {@code mode}. */
    private void untimed(GradientRound round, double[] params, BatchMode mode, int rounds) {
        for (int i = 0; i < rounds; i++) {
            round.compute(params, mode, 1, nextIteration++);
        }
    }

    /**
     * Runs each of {@code rounds} in turn, {@link #WARMUP_BATCH} times each, until a whole cycle
     * passes with the JIT compiler busy for less than 2% of its wall time (at least 3 cycles,
     * at most {@code maxRounds} rounds in all); returns the rounds run. A fixed count is not
     * enough on two cores: C2 compiling Spark's scheduler keeps a core busy long after the first
     * rounds, and a round timed meanwhile costs several times its steady-state time (see
     * docs/performance.md, "The benchmark's warm-up"). Every model, block type
     * and batch mode that will be timed should be among {@code rounds}: a kernel compiled for
     * full batches only is deoptimized and recompiled the first time it sees sampled rows,
     * inside the timed series.
     */
    public static int warmUntilCompiled(List<Runnable> rounds, int maxRounds) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        int done = 0;
        int cycles = 0;
        while (done < maxRounds) {
            long compiledBefore = jit.getTotalCompilationTime();
            long start = System.nanoTime();
            for (Runnable round : rounds) {
                for (int i = 0; i < WARMUP_BATCH; i++) {
                    round.run();
                }
                done += WARMUP_BATCH;
            }
            cycles++;
            double cycleMillis = (System.nanoTime() - start) / 1e6;
            if (cycles >= 3 && jit.getTotalCompilationTime() - compiledBefore < 0.02 * cycleMillis) {
                break;
            }
        }
        return done;
    }

    /**
     * Median milliseconds per round for each of {@code modes}: {@code warmup} untimed rounds
     * of each, then {@link #iterations()} timed rounds of each, the modes taken in turn (full,
     * then each fraction, then full again, ...) rather than one series after another. A
     * disturbance on this shared two-core machine (a garbage-collection cycle, another
     * process) lasts longer than a whole series of small rounds; taken in turn, it costs each
     * mode a round or two, which the median ignores, instead of every round of one mode.
     * {@code beforeRound} runs before each timed round with its mode's index, and with -1 at
     * the end (to tag the round's Spark jobs, then stop tagging).
     */
    public double[] interleavedMedians(GradientRound round, double[] params, List<BatchMode> modes,
                                       IntConsumer beforeRound) {
        for (BatchMode mode : modes) {
            untimed(round, params, mode, warmup);
        }
        double[][] times = new double[modes.size()][iterations];
        try {
            for (int i = 0; i < iterations; i++) {
                for (int m = 0; m < modes.size(); m++) {
                    beforeRound.accept(m);
                    long start = System.nanoTime();
                    round.compute(params, modes.get(m), 1, nextIteration++);
                    times[m][i] = (System.nanoTime() - start) / 1e6;
                }
            }
        } finally {
            beforeRound.accept(-1);
        }
        double[] medians = new double[modes.size()];
        for (int m = 0; m < medians.length; m++) {
            medians[m] = median(times[m]);
        }
        return medians;
    }

    /** Timed rounds per mode. */
    public int iterations() {
        return iterations;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
