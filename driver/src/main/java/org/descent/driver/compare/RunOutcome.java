package org.descent.driver.compare;

import org.descent.driver.train.StopReason;
import org.descent.driver.train.TrainingResult;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A finished run of a comparison.
 *
 * @param objective      the objective on all training rows as training went on, from iteration
 *                       0 (see {@link ObjectiveTrace})
 * @param objectiveEvery iterations between measurements of the objective (1 for a full batch)
 * @param validation     the model's metrics on the validation data (numbers only), empty without it
 */
public record RunOutcome(RunSetting setting, TrainingResult result, List<ObjectivePoint> objective,
                         int objectiveEvery, Map<String, Double> validation) {

    public RunOutcome {
        objective = List.copyOf(objective);
        validation = Collections.unmodifiableMap(new LinkedHashMap<>(validation));
    }

    public String name() {
        return setting.name();
    }

    /** The wall time of all iterations: gradient rounds and updates, nothing else. */
    public double trainingMillis() {
        return result.history().stream().mapToDouble(r -> r.millis()).sum();
    }

    /**
     * The first measurement from which the objective stays at or below {@code target} to the
     * end of the run, if there is one. "Stays" matters: momentum can dip below a target and
     * climb out again, and a noisy run can touch it by chance; neither has reached it yet. A
     * diverged run reaches nothing.
     */
    public Optional<ObjectivePoint> reach(double target) {
        if (result.stopReason() == StopReason.DIVERGED) {
            return Optional.empty();
        }
        int first = objective.size();
        while (first > 0 && objective.get(first - 1).objective() <= target) {
            first--;
        }
        return first < objective.size() ? Optional.of(objective.get(first)) : Optional.empty();
    }
}
