package org.descent.driver.compare;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The finished runs of a comparison with what the report says about them.
 *
 * @param target  the objective for "time to target", or null when no run ended with a finite one
 * @param context what was compared on what, as label to value (model, data, rows, master, ...),
 *                in the order the report shows it
 */
public record Comparison(List<RunOutcome> runs, TargetLoss target, Map<String, Object> context) {

    public Comparison {
        runs = List.copyOf(runs);
        context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
    }

    /** The run the report marks as best (see {@link BestRun}); empty when no run ended with a finite objective. */
    public Optional<BestRun> best() {
        return BestRun.of(this);
    }

    /** The names of the validation metrics any run has, in the order the first run has them. */
    public List<String> validationMetrics() {
        return runs.stream().flatMap(r -> r.validation().keySet().stream()).distinct().toList();
    }
}
