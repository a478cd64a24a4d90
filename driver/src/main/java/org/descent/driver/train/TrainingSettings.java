package org.descent.driver.train;

import org.descent.driver.UserInputException;
import org.descent.driver.round.BatchMode;
import org.descent.driver.spec.ModelKind;
import org.descent.driver.spec.NetworkShape;
import org.descent.data.ClassWeights;
import org.descent.model.Activation;
import org.descent.model.Regularization;
import org.descent.optim.GradientClipping;
import org.descent.optim.Hyperparameter;
import org.descent.optim.HyperparameterIndex;
import org.descent.optim.LearningRateSchedule;
import org.descent.optim.NamedChoice;
import org.descent.optim.Optimizer;
import org.descent.optim.ScheduleKind;
import org.descent.optim.UpdateRule;
import org.descent.optim.WarmupSchedule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How to fit, as a user gives it, before any check: each setting by its command-line key
 * ({@code "max-iter"}, {@code "lr"}, {@code "momentum"}), absent when not given. The one place
 * that turns such settings into a {@link TrainingConfig}: {@code descent train}, every run of
 * {@code compare}, config files and the spark.ml estimators all build their configuration
 * here, so they share its defaults, its checks and their messages.
 *
 * <p>A setting of the update rule or the schedule that is not given takes the registry's
 * default ({@link UpdateRule}, {@link ScheduleKind}); one given for a rule or schedule it does
 * not belong to is refused, as is a setting of model {@code mlp} given for another family.
 */
public final class TrainingSettings {

    public static final String MODEL = "model";
    public static final String LAYERS = "layers";
    public static final String ACTIVATION = "activation";
    public static final String TASK = "task";
    public static final String NUM_CLASSES = "num-classes";
    public static final String INTERCEPT = "intercept";
    public static final String BATCH = "batch";
    public static final String OPTIMIZER = "optimizer";
    public static final String SCHEDULE = "schedule";
    public static final String WARMUP = WarmupSchedule.WARMUP;
    public static final String CLIP_NORM = "clip-norm";
    public static final String MAX_ITER = "max-iter";
    public static final String SEED = "seed";
    public static final String TOL = "tol";
    public static final String GRAD_TOL = "grad-tol";
    public static final String REG_L2 = "reg-l2";
    public static final String REG_L1 = "reg-l1";
    public static final String TREE_DEPTH = "tree-depth";
    public static final String STANDARDIZE = "standardize";
    public static final String CLASS_WEIGHT = "class-weight";
    public static final String LOCAL_STEPS = LocalSgd.STEPS;
    public static final String LOCAL_AFTER = LocalSgd.AFTER;
    public static final String OUTER_MOMENTUM = LocalSgd.OUTER_MOMENTUM;
    public static final String LOCAL_STATE = LocalSgd.STATE;

    /** Classes inferred from the labels (max + 1). */
    public static final int DEFAULT_NUM_CLASSES = 0;
    public static final boolean DEFAULT_INTERCEPT = true;
    public static final String DEFAULT_BATCH = "full";
    /** No warm-up. */
    public static final int DEFAULT_WARMUP = 0;
    /** No clipping. */
    public static final double DEFAULT_CLIP_NORM = 0;
    public static final int DEFAULT_MAX_ITER = 100;
    public static final long DEFAULT_SEED = 42;
    /** As the command line's help prints it; {@link #DEFAULT_TOL} is its value. */
    public static final String DEFAULT_TOL_TEXT = "1e-6";
    public static final double DEFAULT_TOL = Double.parseDouble(DEFAULT_TOL_TEXT);
    /** Off. */
    public static final double DEFAULT_GRAD_TOL = 0;
    public static final double DEFAULT_REG_L2 = 0;
    public static final double DEFAULT_REG_L1 = 0;
    /** Picked from the partition count. */
    public static final int DEFAULT_TREE_DEPTH = 0;
    /** One optimizer step per round: synchronous training. */
    public static final int DEFAULT_LOCAL_STEPS = 1;
    /** Local rounds from the first iteration. */
    public static final int DEFAULT_LOCAL_AFTER = 0;
    /** The averaged change applied as it is. */
    public static final double DEFAULT_OUTER_MOMENTUM = 0;
    public static final String DEFAULT_LOCAL_STATE = "averaged";
    /** A network's hidden activation when none is given. */
    public static final String DEFAULT_ACTIVATION = Activation.RELU.spelling();

    /** Every key this class reads besides the registries' settings, with the type its value must have. */
    private static final Map<String, Class<?>> TYPES = types();

    private final Map<String, Object> given = new LinkedHashMap<>();

    private static Map<String, Class<?>> types() {
        Map<String, Class<?>> t = new LinkedHashMap<>();
        for (String key : List.of(MODEL, LAYERS, ACTIVATION, TASK, BATCH, OPTIMIZER, SCHEDULE, CLASS_WEIGHT,
                LOCAL_STATE)) {
            t.put(key, String.class);
        }
        for (String key : List.of(NUM_CLASSES, WARMUP, MAX_ITER, TREE_DEPTH, LOCAL_STEPS, LOCAL_AFTER)) {
            t.put(key, Integer.class);
        }
        t.put(INTERCEPT, Boolean.class);
        t.put(STANDARDIZE, Boolean.class);
        t.put(SEED, Long.class);
        for (String key : List.of(CLIP_NORM, TOL, GRAD_TOL, REG_L2, REG_L1, OUTER_MOMENTUM,
                ScheduleKind.LEARNING_RATE.key())) {
            t.put(key, Double.class);
        }
        for (String key : HyperparameterIndex.keys()) {
            t.putIfAbsent(key, Number.class);
        }
        return Collections.unmodifiableMap(t);
    }

    /** Every key {@link #set} takes. */
    public static Set<String> keys() {
        return TYPES.keySet();
    }

    /**
     * The type of value {@link #set} takes for {@code key} ({@code Number} for the registries'
     * settings, whose ranges say whether they count), or null for a key it does not know.
     */
    public static Class<?> type(String key) {
        return TYPES.get(key);
    }

    /**
     * Gives {@code key} the value {@code value}, or takes it back with null. Values are of the
     * key's type ({@code Integer} for counts, {@code Double} for numbers, {@code Long} for the
     * seed; any {@code Number} for a rule's or a schedule's setting).
     *
     * @throws IllegalArgumentException for a key this class does not know or a value of another type
     */
    public TrainingSettings set(String key, Object value) {
        Class<?> type = TYPES.get(key);
        if (type == null) {
            throw new IllegalArgumentException("not a training setting: " + key);
        }
        if (value == null) {
            given.remove(key);
            return this;
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(key + " takes a " + type.getSimpleName() + ", got a "
                    + value.getClass().getSimpleName());
        }
        given.put(key, value);
        return this;
    }

    /** The value given for {@code key}, or null when none was. */
    public Object get(String key) {
        return given.get(key);
    }

    /**
     * The validated configuration; every problem is a {@link UserInputException} whose message
     * starts with the key at fault (or names it), as the command line prints it.
     */
    public TrainingConfig toConfig() {
        String model = (String) given.get(MODEL);
        if (model == null) {
            throw new UserInputException("model: required; allowed: " + ModelKind.allowed());
        }
        ModelKind kind = modelKind(model);
        try {
            BatchMode batchMode = BatchMode.parse(text(BATCH, DEFAULT_BATCH));
            int maxIterations = integer(MAX_ITER, DEFAULT_MAX_ITER);
            return new TrainingConfig(kind, integer(NUM_CLASSES, DEFAULT_NUM_CLASSES),
                    (Boolean) given.getOrDefault(INTERCEPT, DEFAULT_INTERCEPT), batchMode, optimizer(),
                    schedule(maxIterations), clipping(), maxIterations, (Long) given.getOrDefault(SEED, DEFAULT_SEED),
                    number(TOL, DEFAULT_TOL), number(GRAD_TOL, DEFAULT_GRAD_TOL),
                    new Regularization(number(REG_L2, DEFAULT_REG_L2), number(REG_L1, DEFAULT_REG_L1)),
                    integer(TREE_DEPTH, DEFAULT_TREE_DEPTH), network(kind),
                    (Boolean) given.getOrDefault(STANDARDIZE, TrainingConfig.DEFAULT_STANDARDIZE), classWeights(),
                    new LocalSgd(integer(LOCAL_STEPS, DEFAULT_LOCAL_STEPS), integer(LOCAL_AFTER, DEFAULT_LOCAL_AFTER),
                            number(OUTER_MOMENTUM, DEFAULT_OUTER_MOMENTUM),
                            LocalState.parse(LOCAL_STATE, text(LOCAL_STATE, DEFAULT_LOCAL_STATE))));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    /** The per-class factors of the sample weights, or null for none. */
    private ClassWeights.Spec classWeights() {
        String text = (String) given.get(CLASS_WEIGHT);
        return text == null ? null : ClassWeights.Spec.parse(text);
    }

    /** The family spelled {@code text}, refused naming the key and what is allowed. */
    public static ModelKind modelKind(String text) {
        try {
            return ModelKind.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("model: unknown value '" + text + "'; allowed: " + ModelKind.allowed());
        }
    }

    /** The update rule, with the registry's defaults for the settings not given. */
    private Optimizer optimizer() {
        try {
            String name = (String) given.get(OPTIMIZER);
            UpdateRule rule = name == null ? UpdateRule.DEFAULT : UpdateRule.named(name);
            return rule.create(choiceSettings(UpdateRule.values()));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    /**
     * The learning rate at each iteration. A linear decay runs over the iterations left after
     * the warm-up, so it reaches {@code final-lr} as training ends.
     */
    private LearningRateSchedule schedule(int maxIterations) {
        try {
            String name = (String) given.get(SCHEDULE);
            ScheduleKind kind = name == null ? ScheduleKind.DEFAULT : ScheduleKind.named(name);
            double rate = number(ScheduleKind.LEARNING_RATE.key(), ScheduleKind.LEARNING_RATE.byDefault());
            int warmup = integer(WARMUP, DEFAULT_WARMUP);
            LearningRateSchedule base = kind.create(rate, choiceSettings(ScheduleKind.values()),
                    Math.max(1, maxIterations - warmup));
            if (warmup < 0) {
                throw new UserInputException(WARMUP + ": must be >= 0 iterations, got " + warmup);
            }
            return warmup == 0 ? base : new WarmupSchedule(warmup, base);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    private GradientClipping clipping() {
        double clipNorm = number(CLIP_NORM, DEFAULT_CLIP_NORM);
        if (clipNorm == 0) {
            return GradientClipping.OFF;
        }
        try {
            return new GradientClipping(clipNorm);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage() + " (0 turns clipping off)", e);
        }
    }

    /**
     * The settings of the rules or schedules of one registry that a user can give, by key, in
     * the registry's order; null where not given. A registry refuses the ones that are not its
     * chosen entry's.
     */
    private Map<String, Number> choiceSettings(NamedChoice[] choices) {
        Map<String, Number> m = new LinkedHashMap<>();
        for (NamedChoice choice : choices) {
            for (Hyperparameter setting : choice.settings()) {
                m.putIfAbsent(setting.key(), (Number) given.get(setting.key()));
            }
        }
        return m;
    }

    /** The network shape from layers, activation and task; null (and none of them given) for other models. */
    private NetworkShape network(ModelKind kind) {
        String layers = (String) given.get(LAYERS);
        String activation = (String) given.get(ACTIVATION);
        String task = (String) given.get(TASK);
        if (kind != ModelKind.MLP) {
            for (String[] named : new String[][] {{LAYERS, layers}, {ACTIVATION, activation}, {TASK, task}}) {
                if (named[1] != null) {
                    throw new UserInputException(named[0] + ": a setting of model mlp, not " + kind.spelling());
                }
            }
            return null;
        }
        if (layers == null) {
            throw new UserInputException("layers: required by model mlp, e.g. --layers 256,128 (none for no hidden layer)");
        }
        List<Integer> widths = new ArrayList<>();
        if (!layers.trim().equalsIgnoreCase("none")) {
            for (String part : layers.split(",", -1)) {
                try {
                    widths.add(Integer.parseInt(part.trim()));
                } catch (NumberFormatException e) {
                    widths.add(0);
                }
                if (widths.get(widths.size() - 1) < 1) {
                    throw new UserInputException("layers: '" + layers + "' is not a comma list of widths >= 1 "
                            + "(e.g. 256,128), nor none");
                }
            }
        }
        List<Activation> activations = new ArrayList<>();
        String[] names = (activation == null ? DEFAULT_ACTIVATION : activation).split(",", -1);
        if (names.length != 1 && names.length != widths.size()) {
            throw new UserInputException("activation: give one activation for all " + widths.size()
                    + " hidden layers or one per layer, got " + names.length + " in '" + activation + "'");
        }
        for (int k = 0; k < widths.size(); k++) {
            try {
                activations.add(Activation.parse(names[names.length == 1 ? 0 : k]));
            } catch (IllegalArgumentException e) {
                throw new UserInputException("activation: " + e.getMessage(), e);
            }
        }
        try {
            return new NetworkShape(widths, activations,
                    NetworkShape.parseTask(task == null ? NetworkShape.CLASSIFICATION : task));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    private String text(String key, String byDefault) {
        return (String) given.getOrDefault(key, byDefault);
    }

    private int integer(String key, int byDefault) {
        return (Integer) given.getOrDefault(key, byDefault);
    }

    private double number(String key, double byDefault) {
        return (Double) given.getOrDefault(key, byDefault);
    }
}
