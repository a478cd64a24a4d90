package org.descent.bench;

import org.descent.driver.round.BatchMode;
import org.descent.driver.round.GradientRound;

import java.util.Arrays;

/**
 * Times Descent's gradient round: untimed warm-up iterations, then the median wall time of
 * {@code iterations} timed ones, each a complete round (parameters out, one Spark job, sums
 * back on the driver). Each timed iteration uses its own iteration number, so sampled batches
 * differ as in training.
 */
public final class RoundTiming {

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

    /** Rounds at {@code mode} to let the JIT compile Spark's scheduler and the kernels. */
    public void warmJvm(GradientRound round, double[] params, BatchMode mode, int rounds) {
        for (int i = 0; i < rounds; i++) {
            round.compute(params, mode, 1, nextIteration++);
        }
    }

    /** Median milliseconds per round at {@code mode}. */
    public double medianMillis(GradientRound round, double[] params, BatchMode mode) {
        warmJvm(round, params, mode, warmup);
        double[] times = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            round.compute(params, mode, 1, nextIteration++);
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        return median(times);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
