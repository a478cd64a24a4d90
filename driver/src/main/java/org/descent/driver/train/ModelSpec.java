package org.descent.driver.train;

import org.descent.model.LinearLayout;
import org.descent.model.LinearModel;
import org.descent.model.Model;

import java.io.Serializable;

/**
 * The shape of a model: family, feature count, class count and whether it fits intercepts.
 * Everything needed to rebuild the {@link Model} from a parameter array, in training, in a
 * model file and in a checkpoint.
 *
 * @param numClasses 2 for logistic, K for softmax, 0 for regression
 */
public record ModelSpec(ModelKind kind, int numFeatures, int numClasses, boolean fitIntercept) implements Serializable {

    public ModelSpec {
        switch (kind) {
            case LINEAR -> {
                if (numClasses != 0) {
                    throw new IllegalArgumentException("linear regression has no classes");
                }
            }
            case LOGISTIC -> {
                if (numClasses != 2) {
                    throw new IllegalArgumentException("logistic regression has 2 classes, got " + numClasses);
                }
            }
            case SOFTMAX -> {
                if (numClasses < 2) {
                    throw new IllegalArgumentException("softmax needs at least 2 classes, got " + numClasses);
                }
            }
        }
    }

    public int numOutputs() {
        return kind == ModelKind.SOFTMAX ? numClasses : 1;
    }

    public LinearLayout layout() {
        return new LinearLayout(numFeatures, numOutputs(), fitIntercept);
    }

    public Model model() {
        return new LinearModel(layout(), kind.loss(numClasses));
    }
}
