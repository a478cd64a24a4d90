package org.descent.driver.train;

import org.descent.loss.LogisticLoss;
import org.descent.loss.OutputLoss;
import org.descent.loss.SoftmaxCrossEntropy;
import org.descent.loss.SquaredLoss;

import java.util.Locale;

/** The model families of the command line's {@code --model}. */
public enum ModelKind {
    /** Linear regression, squared loss. */
    LINEAR,
    /** Binary logistic regression, cross-entropy; labels 0/1 or -1/+1. */
    LOGISTIC,
    /** Multinomial (softmax) regression, cross-entropy; labels 0..K-1. */
    SOFTMAX;

    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isClassifier() {
        return this != LINEAR;
    }

    public OutputLoss loss(int numClasses) {
        return switch (this) {
            case LINEAR -> new SquaredLoss();
            case LOGISTIC -> new LogisticLoss();
            case SOFTMAX -> new SoftmaxCrossEntropy(numClasses);
        };
    }
}
