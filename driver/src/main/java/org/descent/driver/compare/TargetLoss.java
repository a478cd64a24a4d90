package org.descent.driver.compare;

import java.util.List;
import java.util.Locale;

/**
 * The objective a run must reach to count as done, for the report's "time to target". Given
 * by the user, or by default {@code F* + 0.01·(F₀ − F*)}: 99% of the way from the starting
 * objective F₀ to the best final objective F* of any run. Relative to the decrease that is
 * possible, not to the objective's own size, so it means the same for a loss whose optimum is
 * near 0 and for one with a large floor (noisy regression targets, hard classes).
 *
 * @param rule how the value was chosen, in words, for the report
 */
public record TargetLoss(double value, String rule) {

    /** The fraction of the possible decrease left over at the default target. */
    public static final double DEFAULT_GAP = 0.01;

    public TargetLoss {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("target-loss must be a finite number, got " + value);
        }
    }

    public static TargetLoss given(double value) {
        return new TargetLoss(value, "given with --target-loss");
    }

    /**
     * The default target over finished runs: F* the smallest finite final objective, F₀ the
     * objective at the starting parameters (the same for every run: all start from zero).
     * Null when no run finished with a finite objective.
     */
    public static TargetLoss byDefault(List<RunOutcome> runs) {
        double best = runs.stream().mapToDouble(r -> r.result().finalLoss()).filter(Double::isFinite).min()
                .orElse(Double.NaN);
        double start = runs.stream().filter(r -> !r.objective().isEmpty())
                .mapToDouble(r -> r.objective().get(0).objective()).filter(Double::isFinite).findFirst()
                .orElse(Double.NaN);
        if (!Double.isFinite(best)) {
            return null;
        }
        double value = Double.isFinite(start) && start > best ? best + DEFAULT_GAP * (start - best) : best;
        return new TargetLoss(value, String.format(Locale.ROOT,
                "default: F* + %.2f (F0 - F*), 99%% of the way from the starting objective F0 = %.6g to the best "
                        + "final objective of any run F* = %.6g", DEFAULT_GAP, start, best));
    }
}
