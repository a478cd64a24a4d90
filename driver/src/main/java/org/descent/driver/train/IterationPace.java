package org.descent.driver.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Follows a run's iterations as they complete and says how long it has been training and how
 * long it has left to {@code max-iter}: the remaining iterations times the mean wall interval
 * between completions over the later part of those seen so far, from the largest power of two
 * that is at most half of them (after 300 completions, the intervals since the 128th).
 *
 * <p>That window forgets the warm-up: the first iteration compiles the kernels and starts
 * Spark's first jobs, and the next few are still slow, by a factor that depends on the data;
 * the estimate never includes the first, and has none until there is a second. It also grows
 * with the run, so that a run sharing its machine with others, or measuring its objective
 * every few iterations, gets an estimate that settles instead of jumping with each slow
 * iteration. It costs one clock reading per power of two.
 *
 * <p>Wall intervals between completions rather than the iterations' own {@code millis}: they
 * include what happens between iterations (a comparison's objective passes, a checkpoint),
 * which the user waits for too. The first iteration seen counts from its own start (its end
 * minus its {@code millis}), so the time spent loading the data is not in the elapsed time,
 * and a resumed run counts from its resumption.
 */
public final class IterationPace {

    private final LongSupplier nanoClock;
    /** The clock at completion 2^k, at index k. */
    private final List<Long> marks = new ArrayList<>();
    private int completions;
    private long startNanos;

    /** @param nanoClock a monotonic clock in nanoseconds: {@code System::nanoTime}, or a fake one in tests */
    public IterationPace(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Takes the iteration that has just completed into account and says where the run stands. */
    public TimeEstimate next(IterationRecord record, int maxIterations) {
        long now = nanoClock.getAsLong();
        completions++;
        if (completions == 1) {
            startNanos = now - Math.round(record.millis() * 1e6);
        }
        if (Integer.bitCount(completions) == 1) {
            marks.add(now);
        }
        int remaining = Math.max(0, maxIterations - record.iteration());
        double remainingMillis;
        if (remaining == 0) {
            remainingMillis = 0;
        } else if (completions < 2) {
            remainingMillis = Double.NaN;
        } else {
            int k = 31 - Integer.numberOfLeadingZeros(completions / 2);
            double meanMillis = (now - marks.get(k)) / 1e6 / (completions - (1 << k));
            remainingMillis = remaining * meanMillis;
        }
        return new TimeEstimate((now - startNanos) / 1e6, remainingMillis);
    }
}
