package org.descent.driver.spec;

import org.descent.model.LinearLayout;
import org.descent.model.LinearModel;
import org.descent.model.MlpLayout;
import org.descent.model.MlpModel;
import org.descent.model.Model;
import org.descent.model.ParameterLayout;

import java.io.Serializable;

/**
 * The shape of a model: family, feature count, class count, whether it fits intercepts and,
 * for a network, its hidden layers. Everything needed to rebuild the {@link Model} from a
 * parameter array, in training, in a model file and in a checkpoint.
 *
 * @param numClasses   2 for logistic, K for softmax and a classifying network, 0 for regression
 * @param fitIntercept always true for a network (its biases)
 * @param network      the hidden layers and task of an MLP; null for the linear families
 */
public record ModelSpec(ModelKind kind, int numFeatures, int numClasses, boolean fitIntercept, NetworkShape network)
        implements Serializable {

    public ModelSpec {
        checkNetwork(kind, fitIntercept, network);
        if (kind == ModelKind.MLP) {
            new MlpLayout(network.widths(numFeatures, Math.max(numClasses, 1)));
        }
        switch (kind.task(network)) {
            case REGRESSION -> {
                if (numClasses != 0) {
                    throw new IllegalArgumentException(kind.spelling() + " regression has no classes");
                }
            }
            case BINARY -> {
                if (numClasses != 2) {
                    throw new IllegalArgumentException("logistic regression has 2 classes, got " + numClasses);
                }
            }
            case MULTICLASS -> {
                if (numClasses < 2) {
                    throw new IllegalArgumentException(kind.spelling() + " classification needs at least 2 classes, got "
                            + numClasses);
                }
            }
        }
    }

    /**
     * The rules that tie a family to its network, in the command line's words: a network is
     * given exactly for {@code mlp}, and a network always has biases. Shared by the model's
     * shape and the training configuration, which checks them before the data is loaded.
     */
    public static void checkNetwork(ModelKind kind, boolean fitIntercept, NetworkShape network) {
        if ((kind == ModelKind.MLP) != (network != null)) {
            throw new IllegalArgumentException(kind == ModelKind.MLP ? "layers: required by model mlp"
                    : "layers, activation and task are settings of model mlp, not " + kind.spelling());
        }
        if (kind == ModelKind.MLP && !fitIntercept) {
            throw new IllegalArgumentException("intercept: a network always has biases; --no-intercept is for linear models");
        }
    }

    /** A linear family's shape. */
    public ModelSpec(ModelKind kind, int numFeatures, int numClasses, boolean fitIntercept) {
        this(kind, numFeatures, numClasses, fitIntercept, null);
    }

    /** A network's shape; numClasses 0 for regression. */
    public static ModelSpec mlp(int numFeatures, int numClasses, NetworkShape network) {
        return new ModelSpec(ModelKind.MLP, numFeatures, numClasses, true, network);
    }

    public ProblemType task() {
        return kind.task(network);
    }

    public int numOutputs() {
        return task() == ProblemType.MULTICLASS ? numClasses : 1;
    }

    public ParameterLayout layout() {
        return kind == ModelKind.MLP ? mlpLayout() : linearLayout();
    }

    /** The parameter layout of a linear family. */
    public LinearLayout linearLayout() {
        if (kind == ModelKind.MLP) {
            throw new IllegalStateException("an mlp has no linear layout");
        }
        return new LinearLayout(numFeatures, numOutputs(), fitIntercept);
    }

    /** The parameter layout of a network. */
    public MlpLayout mlpLayout() {
        if (kind != ModelKind.MLP) {
            throw new IllegalStateException(kind.spelling() + " is not a network");
        }
        return new MlpLayout(network.widths(numFeatures, numOutputs()));
    }

    public Model model() {
        if (kind == ModelKind.MLP) {
            return new MlpModel(mlpLayout(), network.activations(), task().loss(numClasses));
        }
        return new LinearModel(linearLayout(), task().loss(numClasses));
    }
}
