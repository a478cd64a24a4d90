package org.descent.driver.checkpoint;

import org.descent.driver.load.FileStamp;
import org.descent.driver.load.LoadedData;
import org.descent.driver.spec.ModelSpec;
import org.descent.driver.train.TrainingConfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a checkpoint must match for a run to resume from it: the model's shape, every
 * training setting that shapes the trajectory, the data's row and partition counts
 * (partitions fix the sampling streams and the summation order) and the data itself: every
 * file's path, length and modification time. The stopping criteria are left out, so a resumed
 * run may be given a different {@code --max-iter} or tolerance.
 *
 * @param config the training configuration as {@link TrainingConfig#describe()} spells it,
 *               values as text
 * @param files  every data file by path, as loaded; empty in a checkpoint that did not record them
 */
public record RunIdentity(ModelSpec spec, Map<String, String> config, long rows, int partitions,
                          SortedMap<String, FileStamp> files) {

    /** describe() keys that only decide when to stop, not where the iterates go. */
    static final Set<String> STOPPING_KEYS = Set.of("maxIter", "tol", "gradTol");
    /** Changed data files named one by one in a refusal; beyond that they are counted. */
    static final int FILES_NAMED = 3;

    public RunIdentity {
        config = Map.copyOf(config);
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    public static RunIdentity of(ModelSpec spec, TrainingConfig config, LoadedData data) {
        return of(spec, config, data.numRows(), data.numPartitions(), data.files());
    }

    public static RunIdentity of(ModelSpec spec, TrainingConfig config, long rows, int partitions,
                                 SortedMap<String, FileStamp> files) {
        Map<String, String> text = new LinkedHashMap<>();
        config.describe().forEach((key, value) -> text.put(key, String.valueOf(value)));
        return new RunIdentity(spec, text, rows, partitions, files);
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
        compareFiles(out, other.files);
        return out;
    }

    private void compareFiles(List<String> out, SortedMap<String, FileStamp> run) {
        if (files.isEmpty()) {
            out.add("data files: the checkpoint does not record them (written by an older Descent)");
            return;
        }
        List<String> changed = new ArrayList<>();
        Set<String> paths = new TreeSet<>(files.keySet());
        paths.addAll(run.keySet());
        for (String path : paths) {
            FileStamp then = files.get(path);
            FileStamp now = run.get(path);
            if (then == null) {
                changed.add(path + " is new");
            } else if (now == null) {
                changed.add(path + " is not in this run's data");
            } else if (!then.equals(now)) {
                changed.add(path + " changed (checkpoint " + then + ", this run " + now + ")");
            }
        }
        if (!changed.isEmpty()) {
            String named = String.join(", ", changed.subList(0, Math.min(FILES_NAMED, changed.size())));
            int more = changed.size() - FILES_NAMED;
            out.add("data: " + named + (more > 0 ? " and " + more + " more file" + (more > 1 ? "s" : "") : ""));
        }
    }

    private static void compare(List<String> out, String key, Object checkpoint, Object run) {
        if (!String.valueOf(checkpoint).equals(String.valueOf(run))) {
            out.add(key + ": checkpoint " + checkpoint + ", this run " + run);
        }
    }
}
