package org.descent.driver.cli;

import org.descent.driver.UserInputException;
import org.descent.driver.round.BatchMode;
import org.descent.driver.spec.ModelKind;
import org.descent.driver.spec.NetworkShape;
import org.descent.driver.train.TrainingConfig;
import org.descent.model.Activation;
import org.descent.data.ClassWeights;
import org.descent.model.Regularization;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How to fit, as the command line and config files spell it: model family, batch mode, update
 * rule, stopping, regularization and aggregation. One mixin so that {@code train} and every
 * run of {@code compare} read the same keys and validate them the same way.
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

    @Option(names = "--num-classes", defaultValue = "0", paramLabel = "K",
            description = "Softmax classes; 0 infers max label + 1 (default).")
    int numClasses;

    @Option(names = "--intercept", negatable = true, defaultValue = "true", fallbackValue = "true", arity = "0..1",
            description = "Fit an intercept (default); --no-intercept to leave it out. Never regularized.")
    boolean intercept;

    @Option(names = "--batch", defaultValue = "full", paramLabel = "MODE",
            description = "full | fraction=F | size=B | sgd (default: ${DEFAULT-VALUE}).")
    String batch;

    @Mixin
    OptimizerOptions update;

    @Option(names = "--max-iter", defaultValue = "100", paramLabel = "N", description = "Maximum iterations (default: ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Random seed for batch sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tol", defaultValue = "1e-6", paramLabel = "X",
            description = "Stop when the relative loss change is below X; 0 turns it off (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--grad-tol", defaultValue = "0", paramLabel = "X",
            description = "Stop when the gradient norm is at most X; 0 turns it off (default).")
    double gradientTolerance;

    @Option(names = "--reg-l2", defaultValue = "0", paramLabel = "X", description = "L2 penalty (X/2)||w||^2 (default 0).")
    double regL2;

    @Option(names = "--reg-l1", defaultValue = "0", paramLabel = "X",
            description = "L1 penalty X||w||_1, applied by a proximal soft-threshold step (default 0).")
    double regL1;

    @Option(names = "--tree-depth", defaultValue = "0", paramLabel = "D",
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

    /** The validated configuration; every problem is a {@link UserInputException} naming its key. */
    public TrainingConfig toConfig() {
        ModelKind kind;
        try {
            kind = ModelKind.valueOf(model.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("model: unknown value '" + model + "'; allowed: " + ModelKind.allowed());
        }
        try {
            BatchMode batchMode = BatchMode.parse(batch);
            return new TrainingConfig(kind, numClasses, intercept, batchMode, update.optimizer(),
                    update.schedule(maxIterations), update.clipping(), maxIterations, seed, tolerance, gradientTolerance,
                    new Regularization(regL2, regL1), treeDepth, network(kind), standardize,
                    classWeight == null ? null : ClassWeights.Spec.parse(classWeight));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    /** The network shape from --layers, --activation and --task; null (and none of them given) for other models. */
    private NetworkShape network(ModelKind kind) {
        if (kind != ModelKind.MLP) {
            for (String[] given : new String[][] {{"layers", layers}, {"activation", activation}, {"task", task}}) {
                if (given[1] != null) {
                    throw new UserInputException(given[0] + ": a setting of model mlp, not " + kind.spelling());
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
        String[] names = (activation == null ? "relu" : activation).split(",", -1);
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
}
