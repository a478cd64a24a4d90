package org.descent.driver.compare;

import java.util.Comparator;
import java.util.Optional;

/**
 * The run a comparison's report marks as best, and by which measure.
 *
 * <p>First measure: the least training time to the target objective, among the runs that
 * reached it (ties go to fewer iterations, then to the earlier run). Time rather than
 * iterations, because an iteration of a full batch can cost as much as hundreds of a small
 * batch's: the time is what the user pays for the objective. When no run reached the target
 * (a {@code --target-loss} below every run's), the lowest final objective.
 */
public record BestRun(RunOutcome run, Measure measure) {

    public enum Measure {
        /** Reached the target objective in the least training time. */
        TIME_TO_TARGET,
        /** No run reached the target: the lowest final objective. */
        FINAL_OBJECTIVE
    }

    /** The best run of {@code comparison}; empty when no run ended with a finite objective. */
    public static Optional<BestRun> of(Comparison comparison) {
        if (comparison.target() != null) {
            double target = comparison.target().value();
            Optional<RunOutcome> fastest = comparison.runs().stream().filter(r -> r.reach(target).isPresent())
                    .min(Comparator.<RunOutcome>comparingDouble(r -> r.reach(target).orElseThrow().millis())
                            .thenComparingInt(r -> r.reach(target).orElseThrow().iteration()));
            if (fastest.isPresent()) {
                return Optional.of(new BestRun(fastest.get(), Measure.TIME_TO_TARGET));
            }
        }
        return comparison.runs().stream().filter(r -> Double.isFinite(r.result().finalLoss()))
                .min(Comparator.comparingDouble(r -> r.result().finalLoss()))
                .map(r -> new BestRun(r, Measure.FINAL_OBJECTIVE));
    }

    public String name() {
        return run.name();
    }

    /** The measure's spelling in summary.json: {@code time-to-target} or {@code final-objective}. */
    public String measureName() {
        return measure == Measure.TIME_TO_TARGET ? "time-to-target" : "final-objective";
    }
}
