package org.descent.driver.train;

import org.descent.driver.spec.ModelKind;
import org.descent.driver.spec.ModelSpec;
import org.descent.driver.spec.NetworkShape;
import org.descent.driver.spec.ProblemType;
import org.descent.driver.round.BatchMode;
import org.descent.data.ClassWeights;
import org.descent.model.LinearLayout;
import org.descent.model.MlpLayout;
import org.descent.model.Regularization;
import org.descent.optim.GradientClipping;
import org.descent.optim.LearningRateSchedule;
import org.descent.optim.Optimizer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to fit: the model family, the batch mode, the update rule and its schedule, when to
 * stop, regularization and the shape of the aggregation. Validated on construction; every
 * message names the command-line key.
 *
 * @param clipping      gradient clipping by global norm, or {@link GradientClipping#OFF}
 * @param numClasses    classes for softmax, or 0 to infer them from the labels (max + 1)
 * @param treeDepth     levels of the aggregation tree, or 0 for a default from the partition count
 * @param lossTolerance relative loss change that stops training (0: off)
 * @param gradientTolerance gradient norm that stops training (0: off)
 * @param network       an MLP's hidden layers and task; null for the linear families
 * @param standardize   train in standardized coordinates: each feature centered (dense data
 *                      with an intercept) and divided by its standard deviation, folded into
 *                      the parameters (see {@link org.descent.model.FeatureScaling}); the
 *                      penalties apply to the standardized coefficients, the model is written
 *                      in the features' own units
 * @param classWeights  per-class multipliers of the sample weights, or null for none (classification only)
 * @param localSgd      local steps per round, after how many synchronous iterations, and the outer
 *                      momentum ({@link LocalSgd#SYNCHRONOUS}: one step per round)
 */
public record TrainingConfig(ModelKind kind, int numClasses, boolean fitIntercept, BatchMode batch,
                             Optimizer optimizer, LearningRateSchedule schedule, GradientClipping clipping,
                             int maxIterations, long seed,
                             double lossTolerance, double gradientTolerance, Regularization regularization,
                             int treeDepth, NetworkShape network, boolean standardize,
                             ClassWeights.Spec classWeights, LocalSgd localSgd) {

    /**
     * Standardization is on unless asked otherwise, as in spark.ml: on raw features at very
     * different scales one learning rate is too large for the widest and far too small for the
     * narrowest, and gradient descent crawls (a measured example in docs/standardization.md).
     */
    public static final boolean DEFAULT_STANDARDIZE = true;

    public TrainingConfig {
        if (classWeights != null && (kind == ModelKind.LINEAR
                || (kind == ModelKind.MLP && network != null && network.task() == ProblemType.REGRESSION))) {
            throw new IllegalArgumentException("class-weight: only classification models have classes to weigh");
        }
        ModelSpec.checkNetwork(kind, fitIntercept, network);
        if (kind == ModelKind.MLP && network.task() == ProblemType.REGRESSION && numClasses != 0) {
            throw new IllegalArgumentException("num-classes: an mlp with task regression has no classes");
        }
        if (optimizer == null || schedule == null || clipping == null || localSgd == null) {
            throw new IllegalArgumentException("optimizer, schedule, clipping and local steps must be given");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("max-iter must be >= 1, got " + maxIterations);
        }
        if (!(lossTolerance >= 0)) {
            throw new IllegalArgumentException("tol must be >= 0, got " + lossTolerance);
        }
        if (!(gradientTolerance >= 0)) {
            throw new IllegalArgumentException("grad-tol must be >= 0, got " + gradientTolerance);
        }
        if (treeDepth < 0) {
            throw new IllegalArgumentException("tree-depth must be >= 0 (0 for the default), got " + treeDepth);
        }
        if (numClasses < 0 || numClasses == 1) {
            throw new IllegalArgumentException("num-classes must be 0 (infer) or >= 2, got " + numClasses);
        }
    }

    /** A configuration of synchronous training: one optimizer step per round. */
    public TrainingConfig(ModelKind kind, int numClasses, boolean fitIntercept, BatchMode batch, Optimizer optimizer,
                          LearningRateSchedule schedule, GradientClipping clipping, int maxIterations, long seed,
                          double lossTolerance, double gradientTolerance, Regularization regularization, int treeDepth,
                          NetworkShape network, boolean standardize, ClassWeights.Spec classWeights) {
        this(kind, numClasses, fitIntercept, batch, optimizer, schedule, clipping, maxIterations, seed, lossTolerance,
                gradientTolerance, regularization, treeDepth, network, standardize, classWeights, LocalSgd.SYNCHRONOUS);
    }

    /** A linear family's configuration on the features as they are (not standardized). */
    public TrainingConfig(ModelKind kind, int numClasses, boolean fitIntercept, BatchMode batch, Optimizer optimizer,
                          LearningRateSchedule schedule, GradientClipping clipping, int maxIterations, long seed,
                          double lossTolerance, double gradientTolerance, Regularization regularization, int treeDepth) {
        this(kind, numClasses, fitIntercept, batch, optimizer, schedule, clipping, maxIterations, seed, lossTolerance,
                gradientTolerance, regularization, treeDepth, null, false, null);
    }

    /** A configuration on the features as they are (not standardized). */
    public TrainingConfig(ModelKind kind, int numClasses, boolean fitIntercept, BatchMode batch, Optimizer optimizer,
                          LearningRateSchedule schedule, GradientClipping clipping, int maxIterations, long seed,
                          double lossTolerance, double gradientTolerance, Regularization regularization, int treeDepth,
                          NetworkShape network) {
        this(kind, numClasses, fitIntercept, batch, optimizer, schedule, clipping, maxIterations, seed, lossTolerance,
                gradientTolerance, regularization, treeDepth, network, false, null);
    }

    /** This configuration with standardization on or off. */
    public TrainingConfig withStandardize(boolean on) {
        return new TrainingConfig(kind, numClasses, fitIntercept, batch, optimizer, schedule, clipping, maxIterations,
                seed, lossTolerance, gradientTolerance, regularization, treeDepth, network, on, classWeights, localSgd);
    }

    /** This configuration with per-class multipliers of the sample weights (null: none). */
    public TrainingConfig withClassWeights(ClassWeights.Spec weights) {
        return new TrainingConfig(kind, numClasses, fitIntercept, batch, optimizer, schedule, clipping, maxIterations,
                seed, lossTolerance, gradientTolerance, regularization, treeDepth, network, standardize, weights, localSgd);
    }

    /** This configuration with local steps (or {@link LocalSgd#SYNCHRONOUS} without). */
    public TrainingConfig withLocalSgd(LocalSgd local) {
        return new TrainingConfig(kind, numClasses, fitIntercept, batch, optimizer, schedule, clipping, maxIterations,
                seed, lossTolerance, gradientTolerance, regularization, treeDepth, network, standardize, classWeights,
                local);
    }

    /** What the model will predict. */
    public ProblemType task() {
        return kind.task(network);
    }

    /**
     * The model's shape once the data is known: its feature count and classes (as
     * {@link LabelCheck#classes} found them; empty for regression).
     */
    public ModelSpec spec(int numFeatures, double[] classes) {
        int k = task() == ProblemType.REGRESSION ? 0 : classes.length;
        return new ModelSpec(kind, numFeatures, k, fitIntercept, network);
    }

    /**
     * The most features a model of this configuration can take with these classes: the
     * largest feature count whose parameters still fit one Java array.
     */
    public int maxFeatures(double[] classes) {
        int outputs = task() == ProblemType.MULTICLASS ? classes.length : 1;
        return kind == ModelKind.MLP ? MlpLayout.maxInputWidth(network.widths(1, outputs))
                : LinearLayout.maxFeatures(outputs);
    }

    /** The configuration as it is written into model.json and summary.json. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", kind.spelling());
        if (network != null) {
            m.put("task", network.taskSpelling());
            m.put("hiddenLayers", network.hiddenWidths());
            m.put("activations", network.activations().stream().map(a -> a.spelling()).toList());
        }
        m.put("fitIntercept", fitIntercept);
        m.put("batch", batch.toString());
        m.put("optimizer", optimizer.toString());
        m.put("schedule", schedule.toString());
        m.put("clipNorm", clipping.isOn() ? clipping.maxNorm() : 0.0);
        m.put("maxIter", maxIterations);
        m.put("seed", seed);
        m.put("tol", lossTolerance);
        m.put("gradTol", gradientTolerance);
        m.put("regL2", regularization.l2());
        m.put("regL1", regularization.l1());
        m.put("treeDepth", treeDepth);
        m.put("standardize", standardize);
        if (classWeights != null) {
            m.put("classWeight", classWeights.toString());
        }
        if (localSgd.isLocal()) {
            m.put("localSteps", localSgd.steps());
            m.put("localAfter", localSgd.after());
            m.put("outerMomentum", localSgd.outerMomentum());
            m.put("localState", localSgd.state().spelling());
        }
        return m;
    }
}
