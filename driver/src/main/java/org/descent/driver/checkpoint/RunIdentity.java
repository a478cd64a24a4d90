package org.descent.driver.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.descent.driver.load.FileStamp;
import org.descent.driver.load.LoadedData;
import org.descent.driver.output.ModelFile;
import org.descent.driver.round.BatchMode;
import org.descent.driver.spec.ModelKind;
import org.descent.driver.spec.ModelSpec;
import org.descent.driver.train.TrainingConfig;
import org.descent.optim.HyperparameterValues;
import org.descent.optim.LearningRateSchedule;
import org.descent.optim.WarmupSchedule;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a checkpoint must match for a run to resume from it, compared field by field: the
 * model's shape, every training setting that shapes the trajectory, the data's row and
 * partition counts (partitions fix the sampling streams and the summation order) and the data
 * itself: every file's path, length and modification time.
 *
 * <p>The settings are one JSON object of named fields, stored as they are in
 * {@code checkpoint.json} and compared value by value, never through a {@code toString}: the
 * model ({@code model}, {@code numFeatures}, {@code numClasses}, {@code fitIntercept} and, for
 * a network, {@code task}, {@code hiddenLayers}, {@code activations}), {@code batch},
 * {@code optimizer} and {@code schedule} (each an object with its {@code name} and its values
 * by the registry's keys, e.g. {@code beta1}, {@code lr}), {@code warmup}, {@code clipNorm},
 * {@code seed}, {@code regL2}, {@code regL1}, {@code treeDepth}, {@code rows} and
 * {@code partitions}, and for local SGD {@code localSgd} (its {@code steps}, {@code after} and
 * {@code outerMomentum}; absent for synchronous training). The stopping criteria ({@code --max-iter}, {@code --tol},
 * {@code --grad-tol}) are left out, so a resumed run may be given others; a linear schedule's
 * span, which the run's length decides, is in (its {@code decay-iterations}), so its rates
 * stay those of the run that wrote the checkpoint.
 *
 * @param settings the named fields above; numbers compare by value, so 0 and 0.0 agree
 * @param files    every data file by path, as loaded
 */
public record RunIdentity(ObjectNode settings, SortedMap<String, FileStamp> files) {

    /** Changed data files named one by one in a refusal; beyond that they are counted. */
    static final int FILES_NAMED = 3;
    /** The field of an object setting (optimizer, schedule, batch) that says which one it is. */
    static final String NAME = "name";

    private static final ObjectMapper JSON = new ObjectMapper();

    public RunIdentity {
        settings = canonical(settings);
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** A copy: the identity itself never changes. */
    @Override
    public ObjectNode settings() {
        return settings.deepCopy();
    }

    public static RunIdentity of(ModelSpec spec, TrainingConfig config, LoadedData data) {
        return of(spec, config, data.numRows(), data.numPartitions(), data.files());
    }

    public static RunIdentity of(ModelSpec spec, TrainingConfig config, long rows, int partitions,
                                 SortedMap<String, FileStamp> files) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("model", spec.kind().spelling());
        s.put("numFeatures", spec.numFeatures());
        s.put("numClasses", spec.numClasses());
        s.put("fitIntercept", spec.fitIntercept());
        if (spec.network() != null) {
            ModelFile.writeShape(spec.network(), s);
        }
        batch(s.putObject("batch"), config.batch());
        named(s.putObject("optimizer"), config.optimizer().name(), config.optimizer().settings());
        LearningRateSchedule schedule = config.schedule();
        int warmup = 0;
        if (schedule instanceof WarmupSchedule w) {
            warmup = w.warmupIterations();
            schedule = w.base();
        }
        named(s.putObject("schedule"), schedule.name(), schedule.settings());
        s.put(WarmupSchedule.WARMUP, warmup);
        s.put("clipNorm", config.clipping().isOn() ? config.clipping().maxNorm() : 0.0);
        s.put("seed", config.seed());
        s.put("regL2", config.regularization().l2());
        s.put("regL1", config.regularization().l1());
        s.put("treeDepth", config.treeDepth());
        s.put("standardize", config.standardize());
        if (config.classWeights() != null) {
            // Absent means none, so checkpoints written before class weights existed still match.
            s.put("classWeight", config.classWeights().toString());
        }
        if (config.localSgd().isLocal()) {
            // Absent means synchronous, so checkpoints written before local steps existed still match.
            ObjectNode local = s.putObject("localSgd").put(NAME, "local").put("steps", config.localSgd().steps())
                    .put("after", config.localSgd().after()).put("outerMomentum", config.localSgd().outerMomentum());
            if (config.localSgd().averagesState()) {
                // Absent means fresh, so checkpoints of fresh-state runs keep matching.
                local.put("state", config.localSgd().state().spelling());
            }
        }
        s.put("rows", rows);
        s.put("partitions", partitions);
        return new RunIdentity(s, files);
    }

    /**
     * This identity with the validation that shapes the run's trajectory: {@code validation},
     * an object of the held-out fraction ({@code name} fraction, {@code fraction}) or the
     * validation data's path ({@code name} path, {@code path}), its {@code rows} and how often
     * they are scored ({@code every}). Absent means none, so a checkpoint written before
     * validation existed is a run without it. The patience and the minimum improvement are
     * left out, like the other stopping criteria: a resumed run may be given others.
     *
     * @param fraction the held-out fraction, or null for validation data of its own at {@code path}
     */
    public RunIdentity withValidation(Double fraction, String path, long rows, int every) {
        ObjectNode s = settings();
        ObjectNode v = s.putObject("validation");
        if (fraction != null) {
            v.put(NAME, "fraction").put("fraction", fraction);
        } else {
            v.put(NAME, "path").put("path", path);
        }
        v.put("rows", rows).put("every", every);
        return new RunIdentity(s, files);
    }

    /** The model's shape, as {@link #of} recorded it; {@code where} names the checkpoint in a refusal. */
    public ModelSpec spec(String where) {
        ModelKind kind = ModelKind.valueOf(settings.path("model").asText().toUpperCase(Locale.ROOT));
        return new ModelSpec(kind, settings.path("numFeatures").asInt(), settings.path("numClasses").asInt(),
                settings.path("fitIntercept").asBoolean(),
                kind == ModelKind.MLP ? ModelFile.readShape(settings, where) : null);
    }

    /** The sampling seed, from which every random stream of the run derives. */
    public long seed() {
        return settings.path("seed").asLong();
    }

    /**
     * The differences that forbid resuming a checkpoint of {@code this} run as {@code other},
     * one readable entry each, named by field ("numFeatures: checkpoint 8, this run 9",
     * "optimizer: checkpoint adam, this run sgd", "lr: checkpoint 0.1, this run 0.01"); empty
     * when it may.
     */
    public List<String> differencesFrom(RunIdentity other) {
        List<String> out = new ArrayList<>();
        compareFields(out, settings, other.settings);
        compareFiles(out, other.files);
        return out;
    }

    /**
     * Compares every field either object has, in this one's order. An object setting of another
     * name is one difference (an Adam's betas mean nothing to SGD); of the same name, its values
     * are compared one by one.
     */
    private static void compareFields(List<String> out, JsonNode checkpoint, JsonNode run) {
        Set<String> keys = new LinkedHashSet<>();
        checkpoint.fieldNames().forEachRemaining(keys::add);
        run.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            JsonNode then = checkpoint.path(key);
            JsonNode now = run.path(key);
            if (then.isObject() && now.isObject() && same(then.path(NAME), now.path(NAME))) {
                compareFields(out, then, now);
            } else if (then.isObject() && now.isObject()) {
                out.add(key + ": checkpoint " + text(then.path(NAME)) + ", this run " + text(now.path(NAME)));
            } else if (!same(then, now)) {
                out.add(key + ": checkpoint " + text(then) + ", this run " + text(now));
            }
        }
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /** A value as a refusal shows it: text unquoted, a list as [6, 5]. */
    private static String text(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(text(item)));
            return items.toString();
        }
        return value.isMissingNode() ? "(absent)" : value.isTextual() ? value.asText() : value.toString();
    }

    private void compareFiles(List<String> out, SortedMap<String, FileStamp> run) {
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

    /** The batch mode as a name and its one number, if it has one. */
    private static void batch(ObjectNode node, BatchMode batch) {
        if (batch instanceof BatchMode.Fraction f) {
            node.put(NAME, "fraction").put("fraction", f.fraction());
        } else if (batch instanceof BatchMode.Size s) {
            node.put(NAME, "size").put("size", s.size());
        } else {
            node.put(NAME, "full");
        }
    }

    /** A rule or schedule: its name, then its values by the registry's keys. */
    private static void named(ObjectNode node, String name, HyperparameterValues values) {
        node.put(NAME, name);
        values.byKey().forEach((key, value) -> {
            if (value instanceof Double || value instanceof Float) {
                node.put(key, value.doubleValue());
            } else {
                node.put(key, value.longValue());
            }
        });
    }

    /**
     * The settings as a reader of {@code checkpoint.json} sees them, so that an identity equals
     * itself read back (a long written is an int read, for one).
     */
    private static ObjectNode canonical(ObjectNode settings) {
        try {
            return (ObjectNode) JSON.readTree(JSON.writeValueAsString(settings));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
