package org.descent.driver.spec;

import org.descent.loss.LogisticLoss;
import org.descent.loss.OutputLoss;
import org.descent.loss.SoftmaxCrossEntropy;
import org.descent.loss.SquaredLoss;

/**
 * What a model predicts, whatever computes it (a linear model or a network): the labels it
 * accepts, the loss on its outputs, the metrics {@code evaluate} reports and the columns
 * {@code predict} writes all follow from this.
 */
public enum ProblemType {
    /** A real number; squared loss; MSE, RMSE, MAE, R². */
    REGRESSION,
    /** One of two classes (labels 0/1 or -1/+1) from one logit; binary cross-entropy; accuracy, log-loss, AUC. */
    BINARY,
    /** One of K classes (labels 0..K-1) from K logits; softmax cross-entropy; accuracy, log-loss, confusion matrix. */
    MULTICLASS;

    /** The loss on the model's outputs; {@code numClasses} matters only for MULTICLASS. */
    public OutputLoss loss(int numClasses) {
        return switch (this) {
            case REGRESSION -> new SquaredLoss();
            case BINARY -> new LogisticLoss();
            case MULTICLASS -> new SoftmaxCrossEntropy(numClasses);
        };
    }
}
