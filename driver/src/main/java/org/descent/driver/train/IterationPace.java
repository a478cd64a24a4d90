package org.descent.driver.train;

import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Follows a run's iterations as they complete and says how long it has been training and how
 * long it has left to {@code max-iter}: the remaining iterations times the mean wall interval
 * between the last {@link #WINDOW} completions.
 *
 * <p>Wall intervals between completions rather than the iterations' own {@code millis}: they
 * include what happens between iterations (a comparison's objective passes, a checkpoint),
 * which the user waits for too. The first iteration seen counts from its own start (its end
 * minus its {@code millis}), so the time spent loading the data is not in the elapsed time,
 * and a resumed run counts from its resumption. It is left out of the estimate, which has
 * none until a second iteration: the first compiles the kernels and starts Spark's first
 * jobs, and is slower than those after it by a factor that depends on the data, so
 * extrapolating it would say little. The next few are still warming up; the window forgets
 * them once it has moved past.
 */
public final class IterationPace {

    /** Completions the estimate averages over: enough to smooth a noisy sampled batch, few enough to follow a change. */
    public static final int WINDOW = 20;

    private final LongSupplier nanoClock;
    private final ArrayDeque<Long> intervals = new ArrayDeque<>(WINDOW);
    private long intervalSum;
    private long startNanos;
    private long lastNanos;
    private boolean started;

    /** @param nanoClock a monotonic clock in nanoseconds: {@code System::nanoTime}, or a fake one in tests */
    public IterationPace(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Takes the iteration that has just completed into account and says where the run stands. */
    public TimeEstimate next(IterationRecord record, int maxIterations) {
        long now = nanoClock.getAsLong();
        if (!started) {
            started = true;
            startNanos = now - Math.round(record.millis() * 1e6);
        } else {
            long interval = now - lastNanos;
            intervals.addLast(interval);
            intervalSum += interval;
            if (intervals.size() > WINDOW) {
                intervalSum -= intervals.removeFirst();
            }
        }
        lastNanos = now;
        int remaining = Math.max(0, maxIterations - record.iteration());
        double remainingMillis;
        if (remaining == 0) {
            remainingMillis = 0;
        } else if (intervals.isEmpty()) {
            remainingMillis = Double.NaN;
        } else {
            remainingMillis = remaining * (intervalSum / 1e6) / intervals.size();
        }
        return new TimeEstimate((now - startNanos) / 1e6, remainingMillis);
    }
}
