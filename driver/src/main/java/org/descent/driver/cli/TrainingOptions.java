package org.descent.driver.cli;

import org.descent.driver.UserInputException;
import org.descent.driver.train.TrainingConfig;
import org.descent.driver.train.TrainingSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How to fit, as the command line and config files spell it: model family, batch mode, update
 * rule, stopping, regularization and aggregation. One mixin so that {@code train} and every
 * run of {@code compare} read the same keys; the values go to {@link TrainingSettings}, which
 * holds the defaults and the checks (and serves the spark.ml estimators too).
 */
public final class TrainingOptions {

    @Option(names = "--model", required = true, paramLabel = "linear|logistic|softmax|mlp", description = "The model family.")
    String model;

    @Option(names = "--layers", paramLabel = "W,W,...|none",
            description = "mlp: the hidden layers' widths, e.g. 256,128; none for no hidden layer (required for mlp).")
    String layers;

    @Option(names = "--activation", paramLabel = "relu|tanh|sigmoid",
            description = "mlp: the hidden layers' activation, one for all or a comma list, one per layer (default relu).")
    String activation;

    @Option(names = "--task", paramLabel = "classification|regression",
            description = "mlp: softmax cross-entropy on labels 0..K-1 (default), or one linear output with squared loss.")
    String task;

    @Option(names = "--num-classes", defaultValue = "" + TrainingSettings.DEFAULT_NUM_CLASSES, paramLabel = "K",
            description = "Softmax classes; 0 infers max label + 1 (default).")
    int numClasses;

    @Option(names = "--intercept", negatable = true, defaultValue = "" + TrainingSettings.DEFAULT_INTERCEPT, fallbackValue = "true", arity = "0..1",
            description = "Fit an intercept (default); --no-intercept to leave it out. Never regularized.")
    boolean intercept;

    @Option(names = "--batch", defaultValue = TrainingSettings.DEFAULT_BATCH, paramLabel = "MODE",
            description = "full | fraction=F | size=B | sgd (default: ${DEFAULT-VALUE}).")
    String batch;

    @Mixin
    OptimizerOptions update;

    @Option(names = "--max-iter", defaultValue = "" + TrainingSettings.DEFAULT_MAX_ITER, paramLabel = "N", description = "Maximum iterations (default: ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--seed", defaultValue = "" + TrainingSettings.DEFAULT_SEED, paramLabel = "S", description = "Random seed for batch sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tol", defaultValue = TrainingSettings.DEFAULT_TOL_TEXT, paramLabel = "X",
            description = "Stop when the relative loss change is below X; 0 turns it off (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--grad-tol", defaultValue = "" + TrainingSettings.DEFAULT_GRAD_TOL, paramLabel = "X",
            description = "Stop when the gradient norm is at most X; 0 turns it off (default).")
    double gradientTolerance;

    @Option(names = "--reg-l2", defaultValue = "" + TrainingSettings.DEFAULT_REG_L2, paramLabel = "X", description = "L2 penalty (X/2)||w||^2 (default 0).")
    double regL2;

    @Option(names = "--reg-l1", defaultValue = "" + TrainingSettings.DEFAULT_REG_L1, paramLabel = "X",
            description = "L1 penalty X||w||_1, applied by a proximal soft-threshold step (default 0).")
    double regL1;

    @Option(names = "--tree-depth", defaultValue = "" + TrainingSettings.DEFAULT_TREE_DEPTH, paramLabel = "D",
            description = "Aggregation tree depth; 0 picks one from the partition count (default).")
    int treeDepth;

    @Option(names = "--class-weight", paramLabel = "balanced|LABEL:FACTOR,...",
            description = "Multiply each row's sample weight by its class's factor: 'balanced' gives every class the same "
                    + "total weight, or list factors per label as the data spells them (0:1,1:10); default: none.")
    String classWeight;

    @Option(names = "--standardize", defaultValue = "" + TrainingConfig.DEFAULT_STANDARDIZE, arity = "1",
            paramLabel = "true|false",
            description = "Train on standardized features (mean 0 unless sparse or --no-intercept, variance 1), "
                    + "without a scaled copy of the data; penalties apply to the standardized weights, the model is "
                    + "written in the features' units (default: ${DEFAULT-VALUE}).")
    boolean standardize;

    @Option(names = "--local-steps", defaultValue = "" + TrainingSettings.DEFAULT_LOCAL_STEPS, paramLabel = "H",
            description = "Local SGD: each partition takes H optimizer steps on its own batches per round and the driver "
                    + "averages the changes, one Spark job per H iterations; 1 is synchronous training (default).")
    int localSteps;

    @Option(names = "--local-after", defaultValue = "" + TrainingSettings.DEFAULT_LOCAL_AFTER, paramLabel = "T",
            description = "Post-local SGD: synchronous iterations before the first local round (default 0).")
    int localAfter;

    @Option(names = "--outer-momentum", defaultValue = "" + TrainingSettings.DEFAULT_OUTER_MOMENTUM, paramLabel = "B",
            description = "Local SGD: momentum in [0, 1) of the driver's step along the averaged change (default 0).")
    double outerMomentum;

    @Option(names = "--local-state", defaultValue = TrainingSettings.DEFAULT_LOCAL_STATE, paramLabel = "POLICY",
            description = "Local SGD: where each round's partitions start the update rule's state: fresh (each round "
                    + "anew; ships the parameters alone) or averaged (from the run's state, the partitions' mean kept "
                    + "after the round) (default: ${DEFAULT-VALUE}).")
    String localState;

    /** The validated configuration; every problem is a {@link UserInputException} naming its key. */
    public TrainingConfig toConfig() {
        return toSettings().toConfig();
    }

    /** These options as settings by key, not yet checked: what a search varies some of. */
    public TrainingSettings toSettings() {
        TrainingSettings settings = new TrainingSettings()
                .set(TrainingSettings.MODEL, model)
                .set(TrainingSettings.LAYERS, layers)
                .set(TrainingSettings.ACTIVATION, activation)
                .set(TrainingSettings.TASK, task)
                .set(TrainingSettings.NUM_CLASSES, numClasses)
                .set(TrainingSettings.INTERCEPT, intercept)
                .set(TrainingSettings.BATCH, batch)
                .set(TrainingSettings.MAX_ITER, maxIterations)
                .set(TrainingSettings.SEED, seed)
                .set(TrainingSettings.TOL, tolerance)
                .set(TrainingSettings.GRAD_TOL, gradientTolerance)
                .set(TrainingSettings.REG_L2, regL2)
                .set(TrainingSettings.REG_L1, regL1)
                .set(TrainingSettings.TREE_DEPTH, treeDepth)
                .set(TrainingSettings.STANDARDIZE, standardize)
                .set(TrainingSettings.CLASS_WEIGHT, classWeight)
                .set(TrainingSettings.LOCAL_STEPS, localSteps)
                .set(TrainingSettings.LOCAL_AFTER, localAfter)
                .set(TrainingSettings.OUTER_MOMENTUM, outerMomentum)
                .set(TrainingSettings.LOCAL_STATE, localState);
        update.addTo(settings);
        return settings;
    }
}
