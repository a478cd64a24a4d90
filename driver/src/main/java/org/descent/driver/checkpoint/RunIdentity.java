package org.descent.driver.checkpoint;

import org.descent.driver.train.ModelSpec;
import org.descent.driver.train.TrainingConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a checkpoint must match for a run to resume from it: the model's shape, every
 * training setting that shapes the trajectory, and the data's row and partition counts
 * (partitions fix the sampling streams and the summation order). The stopping criteria are
 * left out, so a resumed run may be given a different {@code --max-iter} or tolerance.
 *
 * @param config the training configuration as {@link TrainingConfig#describe()} spells it,
 *               values as text
 */
public record RunIdentity(ModelSpec spec, Map<String, String> config, long rows, int partitions) {

    /** describe() keys that only decide when to stop, not where the iterates go. */
    static final Set<String> STOPPING_KEYS = Set.of("maxIter", "tol", "gradTol");

    public RunIdentity {
        config = Map.copyOf(config);
    }

    public static RunIdentity of(ModelSpec spec, TrainingConfig config, long rows, int partitions) {
        Map<String, String> text = new LinkedHashMap<>();
        config.describe().forEach((key, value) -> text.put(key, String.valueOf(value)));
        return new RunIdentity(spec, text, rows, partitions);
    }

    /**
     * The differences that forbid resuming a checkpoint of {@code this} run as {@code other},
     * one readable entry each ("numFeatures: checkpoint 8, this run 9"); empty when it may.
     */
    public List<String> differencesFrom(RunIdentity other) {
        List<String> out = new ArrayList<>();
        compare(out, "model", spec.kind().spelling(), other.spec.kind().spelling());
        compare(out, "numFeatures", spec.numFeatures(), other.spec.numFeatures());
        compare(out, "numClasses", spec.numClasses(), other.spec.numClasses());
        compare(out, "fitIntercept", spec.fitIntercept(), other.spec.fitIntercept());
        Set<String> keys = new TreeSet<>(config.keySet());
        keys.addAll(other.config.keySet());
        for (String key : keys) {
            if (!STOPPING_KEYS.contains(key) && !key.equals("model") && !key.equals("fitIntercept")) {
                compare(out, key, config.getOrDefault(key, "(absent)"), other.config.getOrDefault(key, "(absent)"));
            }
        }
        compare(out, "rows", rows, other.rows);
        compare(out, "partitions", partitions, other.partitions);
        return out;
    }

    private static void compare(List<String> out, String key, Object checkpoint, Object run) {
        if (!String.valueOf(checkpoint).equals(String.valueOf(run))) {
            out.add(key + ": checkpoint " + checkpoint + ", this run " + run);
        }
    }
}
