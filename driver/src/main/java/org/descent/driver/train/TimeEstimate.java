package org.descent.driver.train;

import java.util.Locale;

/**
 * How long a run has been training and how long it has left, as a progress line shows them:
 * {@code elapsed 1m12s  eta 3m05s}.
 *
 * @param elapsedMillis   wall time since training started
 * @param remainingMillis estimated wall time to the last iteration: NaN while there is no
 *                        estimate yet, 0 at the last iteration
 */
public record TimeEstimate(double elapsedMillis, double remainingMillis) {

    public TimeEstimate {
        if (!(elapsedMillis >= 0)) {
            throw new IllegalArgumentException("elapsed time must be >= 0 ms, got " + elapsedMillis);
        }
        if (remainingMillis < 0) {
            throw new IllegalArgumentException("remaining time must be >= 0 ms or NaN, got " + remainingMillis);
        }
    }

    /** {@code elapsed 4.2s  eta 31.0s}; the eta is left out while unknown and at the last iteration. */
    @Override
    public String toString() {
        String elapsed = "elapsed " + duration(elapsedMillis);
        return remainingMillis > 0 ? elapsed + "  eta " + duration(remainingMillis) : elapsed;
    }

    /**
     * A duration for people: tenths of seconds below a minute ({@code 4.2s}), then minutes and
     * seconds ({@code 1m12s}), then hours and minutes ({@code 2h05m}); rounded to the nearest
     * unit shown, so 59.97 s is {@code 1m00s}, never {@code 60.0s}.
     */
    public static String duration(double millis) {
        if (!(millis >= 0) || Double.isInfinite(millis)) {
            throw new IllegalArgumentException("a duration must be finite and >= 0 ms, got " + millis);
        }
        long tenths = Math.round(millis / 100);
        if (tenths < 600) {
            return String.format(Locale.ROOT, "%d.%ds", tenths / 10, tenths % 10);
        }
        long seconds = Math.round(millis / 1000);
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        long minutes = Math.round(millis / 60_000);
        return String.format(Locale.ROOT, "%dh%02dm", minutes / 60, minutes % 60);
    }
}
