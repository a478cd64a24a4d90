package org.descent.driver.ml;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.descent.driver.UserInputException;
import org.descent.driver.checkpoint.CheckpointSettings;
import org.descent.driver.load.BlockOptions;
import org.descent.driver.round.BatchMode;
import org.descent.driver.spec.ModelKind;
import org.descent.driver.train.TrainingConfig;
import org.descent.driver.train.TrainingSettings;
import org.descent.driver.train.ValidationSettings;
import org.descent.model.Activation;
import org.descent.optim.Hyperparameter;
import org.descent.optim.HyperparameterIndex;
import org.descent.optim.ScheduleKind;
import org.descent.optim.UpdateRule;
import org.descent.optim.ValueRange;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Descent params of one estimator or model, created for their owner (spark.ml params
 * belong to one instance, by its uid), with their docs, defaults and checks; the owner's
 * {@link DescentParams} accessors return them.
 *
 * <p>Every training setting of {@code descent train} is a param named as the command-line key
 * in camelCase ({@code max-iter} is {@code maxIter}, {@code weight-decay} is
 * {@code weightDecay}), with the command line's default, except {@code --intercept}, which is
 * spark.ml's {@code fitIntercept}. The settings of the update rules and schedules, their
 * names, docs, defaults and ranges come from the registries ({@link HyperparameterIndex}).
 *
 * <p>A value is checked when it is set, with the command line's message, as far as it can be
 * alone (a rate's range, a name); what depends on other params (a setting the chosen optimizer
 * does not take, activations for the layers given) is checked with the whole configuration,
 * which {@link #trainingSettings} hands to {@link TrainingSettings}, as the command line does.
 */
final class DescentParamSet implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How a param reaches {@link TrainingSettings}: by its key, always or only when set. */
    private record Binding(Param<?> param, String key, boolean onlyWhenSet) implements Serializable {
    }

    private final PredictorKind kind;
    private final List<Binding> bindings = new ArrayList<>();
    private final Map<Param<?>, Object> defaults = new LinkedHashMap<>();
    private final Map<String, Param<?>> settings = new LinkedHashMap<>();

    final Param<String> model;
    final Param<String> layers;
    final Param<String> activation;
    final IntParam numClasses;
    final BooleanParam fitIntercept;
    final Param<String> batch;
    final Param<String> optimizer;
    final DoubleParam lr;
    final Param<String> schedule;
    final IntParam warmup;
    final DoubleParam clipNorm;
    final IntParam maxIter;
    final LongParam seed;
    final DoubleParam tol;
    final DoubleParam gradTol;
    final DoubleParam regL2;
    final DoubleParam regL1;
    final IntParam treeDepth;
    final BooleanParam standardize;
    final Param<String> classWeight;
    final DoubleParam validationFraction;
    final Param<String> validationIndicatorCol;
    final IntParam validateEvery;
    final IntParam earlyStopPatience;
    final DoubleParam earlyStopMinDelta;
    final IntParam localSteps;
    final IntParam localAfter;
    final DoubleParam outerMomentum;
    final Param<String> localState;
    final Param<String> checkpointDir;
    final IntParam checkpointEvery;
    final IntParam partitions;
    final Param<String> storage;
    final Param<String> precision;
    final Param<String> weightCol;

    /**
     * @param withNumClasses whether the owner has {@code numClasses} (a classifier); a
     *                       classification model has not, since spark.ml's
     *                       {@code numClasses()} is its class count
     */
    DescentParamSet(Params owner, PredictorKind kind, boolean withNumClasses) {
        this.kind = kind;
        String defaultModel = kind.defaultModel().spelling();
        model = text(owner, "model", TrainingSettings.MODEL, false, defaultModel,
                "model family: " + kind.allowedModels() + " (default " + defaultModel + ")",
                value -> kind.model(value));
        layers = text(owner, "layers", TrainingSettings.LAYERS, true, null,
                "mlp: the hidden layers' widths, e.g. 256,128; none for no hidden layer (required for mlp)",
                value -> alone(TrainingSettings.LAYERS, value, ModelKind.MLP));
        activation = text(owner, "activation", TrainingSettings.ACTIVATION, true, TrainingSettings.DEFAULT_ACTIVATION,
                "mlp: the hidden layers' activation, one for all or a comma list, one per layer: "
                        + Activation.allowed() + " (default " + TrainingSettings.DEFAULT_ACTIVATION + ")",
                DescentParamSet::checkActivations);
        numClasses = !withNumClasses ? null : integer(owner, "numClasses", TrainingSettings.NUM_CLASSES, false,
                TrainingSettings.DEFAULT_NUM_CLASSES,
                "softmax and mlp: classes; 0 infers max label + 1 (default " + TrainingSettings.DEFAULT_NUM_CLASSES + ")",
                value -> alone(TrainingSettings.NUM_CLASSES, value, null));
        fitIntercept = new BooleanParam(owner, "fitIntercept",
                "fit an intercept (default " + TrainingSettings.DEFAULT_INTERCEPT + "; the command line's "
                        + "--intercept/--no-intercept); never regularized; a network always has biases");
        bind(fitIntercept, TrainingSettings.INTERCEPT, false, TrainingSettings.DEFAULT_INTERCEPT);
        batch = text(owner, "batch", TrainingSettings.BATCH, false, TrainingSettings.DEFAULT_BATCH,
                "rows per iteration: " + BatchMode.ALLOWED + " (default " + TrainingSettings.DEFAULT_BATCH + ")",
                value -> alone(TrainingSettings.BATCH, value, null));
        optimizer = text(owner, "optimizer", TrainingSettings.OPTIMIZER, false, UpdateRule.DEFAULT.spelling(),
                "update rule: " + UpdateRule.allowed() + " (default " + UpdateRule.DEFAULT.spelling() + ")",
                UpdateRule::named);
        Hyperparameter rate = ScheduleKind.LEARNING_RATE;
        lr = number(owner, camelCase(rate.key()), rate.key(), false, rate.byDefault(), rate.describe(),
                value -> ScheduleKind.LEARNING_RATE.check((double) value));
        for (String key : HyperparameterIndex.optimizerKeys()) {
            setting(owner, key);
        }
        schedule = text(owner, "schedule", TrainingSettings.SCHEDULE, false, ScheduleKind.DEFAULT.spelling(),
                "learning-rate schedule: " + ScheduleKind.allowed() + " (default " + ScheduleKind.DEFAULT.spelling() + ")",
                ScheduleKind::named);
        for (String key : HyperparameterIndex.keys()) {
            if (!settings.containsKey(key)) {
                setting(owner, key);
            }
        }
        warmup = integer(owner, "warmup", TrainingSettings.WARMUP, false, TrainingSettings.DEFAULT_WARMUP,
                "linear warm-up over the first W iterations, before any schedule (default "
                        + TrainingSettings.DEFAULT_WARMUP + ": none)",
                value -> alone(TrainingSettings.WARMUP, value, null));
        clipNorm = number(owner, "clipNorm", TrainingSettings.CLIP_NORM, false, TrainingSettings.DEFAULT_CLIP_NORM,
                "rescale the gradient to this norm when it is longer; 0 turns clipping off (default "
                        + Hyperparameter.format(TrainingSettings.DEFAULT_CLIP_NORM) + ")",
                value -> alone(TrainingSettings.CLIP_NORM, value, null));
        maxIter = integer(owner, "maxIter", TrainingSettings.MAX_ITER, false, TrainingSettings.DEFAULT_MAX_ITER,
                "maximum iterations (default " + TrainingSettings.DEFAULT_MAX_ITER + ")",
                value -> alone(TrainingSettings.MAX_ITER, value, null));
        seed = new LongParam(owner, "seed", "random seed for batch sampling and a network's initial weights (default "
                + TrainingSettings.DEFAULT_SEED + ")");
        bind(seed, TrainingSettings.SEED, false, TrainingSettings.DEFAULT_SEED);
        tol = number(owner, "tol", TrainingSettings.TOL, false, TrainingSettings.DEFAULT_TOL,
                "stop when the relative loss change is below this; 0 turns it off (default "
                        + TrainingSettings.DEFAULT_TOL_TEXT + ")",
                value -> alone(TrainingSettings.TOL, value, null));
        gradTol = number(owner, "gradTol", TrainingSettings.GRAD_TOL, false, TrainingSettings.DEFAULT_GRAD_TOL,
                "stop when the gradient norm is at most this; 0 turns it off (default "
                        + Hyperparameter.format(TrainingSettings.DEFAULT_GRAD_TOL) + ")",
                value -> alone(TrainingSettings.GRAD_TOL, value, null));
        regL2 = number(owner, "regL2", TrainingSettings.REG_L2, false, TrainingSettings.DEFAULT_REG_L2,
                "L2 penalty (X/2)||w||^2 (default " + Hyperparameter.format(TrainingSettings.DEFAULT_REG_L2) + ")",
                value -> alone(TrainingSettings.REG_L2, value, null));
        regL1 = number(owner, "regL1", TrainingSettings.REG_L1, false, TrainingSettings.DEFAULT_REG_L1,
                "L1 penalty X||w||_1, applied by a proximal soft-threshold step (default "
                        + Hyperparameter.format(TrainingSettings.DEFAULT_REG_L1) + ")",
                value -> alone(TrainingSettings.REG_L1, value, null));
        treeDepth = integer(owner, "treeDepth", TrainingSettings.TREE_DEPTH, false, TrainingSettings.DEFAULT_TREE_DEPTH,
                "aggregation tree depth; 0 picks one from the partition count (default "
                        + TrainingSettings.DEFAULT_TREE_DEPTH + ")",
                value -> alone(TrainingSettings.TREE_DEPTH, value, null));
        standardize = new BooleanParam(owner, "standardize", "train on standardized features (mean 0 unless sparse "
                + "or without intercept, variance 1) without a scaled copy of the data; penalties apply to the "
                + "standardized weights, the model is in the features' units (default "
                + TrainingConfig.DEFAULT_STANDARDIZE + ")");
        bind(standardize, TrainingSettings.STANDARDIZE, false, TrainingConfig.DEFAULT_STANDARDIZE);
        classWeight = text(owner, "classWeight", TrainingSettings.CLASS_WEIGHT, true, null,
                "classification: multiply each row's weight by its class's factor: balanced gives every class the "
                        + "same total weight, or LABEL:FACTOR,... as 0:1,1:10 (default: none)",
                value -> alone(TrainingSettings.CLASS_WEIGHT, value, null));
        validationFraction = new DoubleParam(owner, "validationFraction", "hold out about this fraction F "
                + "(0 < F < 1) of the rows as validation data, each row by a hash of seed and its position in the "
                + "DataFrame, as descent train --validation-fraction does (default: none)",
                new ParamCheck<>(value -> ValidationSettings.holdOut(0, (Double) value)));
        validationIndicatorCol = new Param<>(owner, "validationIndicatorCol", "name of a boolean column: true marks "
                + "a validation row, false a training row, as spark.ml's GBTClassifier reads it; rows where it is "
                + "null are neither (default: none)");
        validateEvery = new IntParam(owner, "validateEvery", "score the validation rows after every N-th iteration "
                + "(default " + ValidationSettings.DEFAULT_EVERY + "); needs validationFraction or "
                + "validationIndicatorCol", new ParamCheck<>(value -> ValidationSettings.given(true, (Integer) value,
                null, null)));
        defaults.put(validateEvery, ValidationSettings.DEFAULT_EVERY);
        earlyStopPatience = new IntParam(owner, "earlyStopPatience", "stop after this many evaluations in a row "
                + "without a better validation loss, and keep the best evaluation's model; 0 never stops (default "
                + ValidationSettings.DEFAULT_PATIENCE + ")",
                new ParamCheck<>(value -> ValidationSettings.given(true, null, (Integer) value, null)));
        defaults.put(earlyStopPatience, ValidationSettings.DEFAULT_PATIENCE);
        earlyStopMinDelta = new DoubleParam(owner, "earlyStopMinDelta", "an evaluation improves only when its "
                + "validation loss is below the best by more than this (default "
                + Hyperparameter.format(ValidationSettings.DEFAULT_MIN_DELTA) + ")",
                new ParamCheck<>(value -> ValidationSettings.given(true, null, null, (Double) value)));
        defaults.put(earlyStopMinDelta, ValidationSettings.DEFAULT_MIN_DELTA);
        localSteps = integer(owner, "localSteps", TrainingSettings.LOCAL_STEPS, false,
                TrainingSettings.DEFAULT_LOCAL_STEPS,
                "local SGD: optimizer steps each partition takes on its own batches per round, the driver averaging "
                        + "the changes; 1 is synchronous training (default " + TrainingSettings.DEFAULT_LOCAL_STEPS + ")",
                value -> alone(TrainingSettings.LOCAL_STEPS, value, null));
        localAfter = integer(owner, "localAfter", TrainingSettings.LOCAL_AFTER, false,
                TrainingSettings.DEFAULT_LOCAL_AFTER,
                "post-local SGD: synchronous iterations before the first local round (default "
                        + TrainingSettings.DEFAULT_LOCAL_AFTER + ")",
                value -> alone(TrainingSettings.LOCAL_AFTER, value, null));
        outerMomentum = number(owner, "outerMomentum", TrainingSettings.OUTER_MOMENTUM, false,
                TrainingSettings.DEFAULT_OUTER_MOMENTUM,
                "local SGD: momentum in [0, 1) of the driver's step along the averaged change (default "
                        + Hyperparameter.format(TrainingSettings.DEFAULT_OUTER_MOMENTUM) + ")",
                value -> alone(TrainingSettings.OUTER_MOMENTUM, value, null));
        localState = text(owner, "localState", TrainingSettings.LOCAL_STATE, false,
                TrainingSettings.DEFAULT_LOCAL_STATE,
                "local SGD: where each round's partitions start the update rule's state: fresh or averaged (from "
                        + "the run's state, the partitions' mean kept after the round) (default "
                        + TrainingSettings.DEFAULT_LOCAL_STATE + ")",
                value -> alone(TrainingSettings.LOCAL_STATE, value, null));
        checkpointDir = new Param<>(owner, "checkpointDir", "save a checkpoint in this directory, any Hadoop path, "
                + "every checkpointEvery iterations and at the end (default: none)");
        checkpointEvery = new IntParam(owner, "checkpointEvery", "iterations between checkpoints (default "
                + CheckpointSettings.DEFAULT_EVERY + "); needs checkpointDir",
                new ParamCheck<>(value -> new CheckpointSettings("-", (Integer) value, null).check()));
        defaults.put(checkpointEvery, CheckpointSettings.DEFAULT_EVERY);
        partitions = new IntParam(owner, "partitions", "partitions to cache the rows in; 0 for one per core of the "
                + "cluster (default " + BlockOptions.DEFAULT_PARTITIONS + ")",
                new ParamCheck<>(value -> BlockOptions.defaults().withPartitions((Integer) value)));
        defaults.put(partitions, BlockOptions.DEFAULT_PARTITIONS);
        storage = new Param<>(owner, "storage", "how cached blocks store features: auto picks dense or CSR by density "
                + "(default " + BlockOptions.DEFAULT_STORAGE + "), dense, sparse",
                new ParamCheck<>(BlockOptions::storage));
        defaults.put(storage, BlockOptions.DEFAULT_STORAGE);
        precision = new Param<>(owner, "precision", "how dense blocks store feature values: double (default "
                + BlockOptions.DEFAULT_PRECISION + ") or float", new ParamCheck<>(BlockOptions::precision));
        defaults.put(precision, BlockOptions.DEFAULT_PRECISION);
        weightCol = new Param<>(owner, "weightCol", "weight column name; none or empty: every row weighs 1");
    }

    /** Gives {@code owner} every default; called once its accessors return these params. */
    void setDefaults(Params owner) {
        defaults.forEach((param, value) -> setDefault(owner, param, value));
    }

    @SuppressWarnings("unchecked")
    private static <T> void setDefault(Params owner, Param<T> param, Object value) {
        owner.setDefault(param, (T) value);
    }

    /** The param of an update rule's or a schedule's setting, by its key ({@code "weight-decay"}). */
    Param<?> setting(String key) {
        Param<?> param = settings.get(key);
        if (param == null) {
            throw new IllegalArgumentException("no setting " + key + " among " + settings.keySet());
        }
        return param;
    }

    /** Every setting's param, by key, in the registries' order. */
    Map<String, Param<?>> settings() {
        return Collections.unmodifiableMap(settings);
    }

    PredictorKind kind() {
        return kind;
    }

    /**
     * The training settings {@code owner}'s params give: a param of a setting the command line
     * leaves out unless given (an optimizer's setting, the layers) only when set; the others
     * always, their defaults being the command line's. A network's task is the estimator's.
     */
    TrainingSettings trainingSettings(Params owner) {
        TrainingSettings s = new TrainingSettings();
        for (Binding b : bindings) {
            s.set(b.key(), !b.onlyWhenSet() || owner.isSet(b.param()) ? owner.getOrDefault(b.param()) : null);
        }
        if (kind.model(owner.getOrDefault(model)) == ModelKind.MLP) {
            s.set(TrainingSettings.TASK, kind.networkTask());
        }
        return s;
    }

    /** Where and how often {@code owner} saves checkpoints: none unless {@code checkpointDir} is set. */
    CheckpointSettings checkpointSettings(Params owner) {
        String dir = owner.isSet(checkpointDir) ? owner.getOrDefault(checkpointDir) : null;
        Integer every = owner.isSet(checkpointEvery) ? (Integer) owner.getOrDefault(checkpointEvery) : null;
        return new CheckpointSettings(dir == null || dir.isBlank() ? null : dir, every, null);
    }

    /** The fraction of the rows to hold out, or null when {@code validationFraction} is not set. */
    Double validationFraction(Params owner) {
        return owner.isSet(validationFraction) ? (Double) owner.getOrDefault(validationFraction) : null;
    }

    /** The validation indicator column, or null when none is set (or it is empty). */
    String validationIndicatorColumn(Params owner) {
        String name = owner.isSet(validationIndicatorCol) ? owner.getOrDefault(validationIndicatorCol) : null;
        return name == null || name.isEmpty() ? null : name;
    }

    /**
     * How {@code owner} scores its validation rows, or null without any; checked as the command
     * line checks its validation options, with its messages: a setting given without validation
     * rows is refused, and so are both ways of choosing them at once.
     */
    ValidationSettings validationSettings(Params owner) {
        boolean fraction = validationFraction(owner) != null;
        boolean indicator = validationIndicatorColumn(owner) != null;
        if (fraction && indicator) {
            throw new UserInputException("validationIndicatorCol: give either validationIndicatorCol or "
                    + "validationFraction, not both");
        }
        return ValidationSettings.given(fraction || indicator,
                owner.isSet(validateEvery) ? (Integer) owner.getOrDefault(validateEvery) : null,
                owner.isSet(earlyStopPatience) ? (Integer) owner.getOrDefault(earlyStopPatience) : null,
                owner.isSet(earlyStopMinDelta) ? (Double) owner.getOrDefault(earlyStopMinDelta) : null);
    }

    /** How {@code owner} caches the rows: its partitions, storage and precision; the feature count from the data. */
    BlockOptions blockOptions(Params owner) {
        return BlockOptions.defaults().withPartitions((Integer) owner.getOrDefault(partitions))
                .withStorage(BlockOptions.storage(owner.getOrDefault(storage)),
                        BlockOptions.precision(owner.getOrDefault(precision)));
    }

    /** The weight column, or null when none is set (or it is empty). */
    String weightColumn(Params owner) {
        if (!owner.isDefined(weightCol)) {
            return null;
        }
        String name = owner.getOrDefault(weightCol);
        return name == null || name.isEmpty() ? null : name;
    }

    /** {@code "weight-decay"} as a param's name: {@code "weightDecay"}. */
    static String camelCase(String key) {
        StringBuilder name = new StringBuilder();
        for (String part : key.split("-")) {
            name.append(name.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return name.toString();
    }

    /**
     * An update rule's or a schedule's setting: a count ({@code stepEvery}) is an int, any other
     * a double; the default and the range are the registry's where every rule and schedule that
     * takes the key agrees on them, else the value is checked once the rule or schedule is known.
     */
    private void setting(Params owner, String key) {
        Hyperparameter shared = HyperparameterIndex.shared(key).orElse(null);
        boolean count = HyperparameterIndex.declarations(key).keySet().stream()
                .allMatch(h -> h.range() == ValueRange.COUNT);
        Object byDefault = shared == null || shared.defaultValue().isEmpty() ? null
                : count ? (Object) (int) shared.byDefault() : (Object) shared.byDefault();
        String doc = HyperparameterIndex.describe(key);
        // The checks name the key, not the declaration: a param's check travels with its owner to the executors.
        ParamCheck.Check<Object> check = shared == null ? value -> { } : count
                ? value -> sharedSetting(key).check((int) (Integer) value)
                : value -> sharedSetting(key).check((double) (Double) value);
        Param<?> param = count ? new IntParam(owner, camelCase(key), doc, new ParamCheck<>(check))
                : new DoubleParam(owner, camelCase(key), doc, new ParamCheck<>(check));
        bind(param, key, true, byDefault);
        settings.put(key, param);
    }

    private static Hyperparameter sharedSetting(String key) {
        return HyperparameterIndex.shared(key).orElseThrow();
    }

    private Param<String> text(Params owner, String name, String key, boolean onlyWhenSet, String byDefault,
                               String doc, ParamCheck.Check<String> check) {
        Param<String> param = new Param<>(owner, name, doc, new ParamCheck<>(check));
        bind(param, key, onlyWhenSet, byDefault);
        return param;
    }

    private IntParam integer(Params owner, String name, String key, boolean onlyWhenSet, int byDefault, String doc,
                             ParamCheck.Check<Integer> check) {
        IntParam param = new IntParam(owner, name, doc, new ParamCheck<>(value -> check.check((Integer) value)));
        bind(param, key, onlyWhenSet, byDefault);
        return param;
    }

    private DoubleParam number(Params owner, String name, String key, boolean onlyWhenSet, double byDefault,
                               String doc, ParamCheck.Check<Double> check) {
        DoubleParam param = new DoubleParam(owner, name, doc, new ParamCheck<>(value -> check.check((Double) value)));
        bind(param, key, onlyWhenSet, byDefault);
        return param;
    }

    private void bind(Param<?> param, String key, boolean onlyWhenSet, Object byDefault) {
        bindings.add(new Binding(param, key, onlyWhenSet));
        if (byDefault != null) {
            defaults.put(param, byDefault);
        }
    }

    /**
     * Checks one value alone, as the command line would with only this option given (and the
     * estimator's default family, or {@code family}): so it is refused with the same message.
     */
    private void alone(String key, Object value, ModelKind family) {
        ModelKind kindOfModel = family != null ? family : kind.defaultModel();
        TrainingSettings s = new TrainingSettings().set(TrainingSettings.MODEL, kindOfModel.spelling()).set(key, value);
        if (kindOfModel == ModelKind.MLP && !key.equals(TrainingSettings.LAYERS)) {
            s.set(TrainingSettings.LAYERS, "none");
        }
        if (kindOfModel == ModelKind.MLP) {
            s.set(TrainingSettings.TASK, kind.networkTask());
        }
        s.toConfig();
    }

    /** Each activation of a comma list by name; how many the layers need is checked with the layers. */
    private static void checkActivations(String value) {
        for (String name : value.split(",", -1)) {
            try {
                Activation.parse(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("activation: " + e.getMessage(), e);
            }
        }
    }
}
