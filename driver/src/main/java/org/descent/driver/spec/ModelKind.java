package org.descent.driver.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The model families of the command line's {@code --model}. */
public enum ModelKind {
    /** Linear regression, squared loss. */
    LINEAR,
    /** Binary logistic regression, cross-entropy; labels 0/1 or -1/+1. */
    LOGISTIC,
    /** Multinomial (softmax) regression, cross-entropy; labels 0..K-1. */
    SOFTMAX,
    /** A multilayer perceptron ({@link NetworkShape}): softmax classification or least-squares regression. */
    MLP;

    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "linear, logistic, softmax, mlp". */
    public static String allowed() {
        return Arrays.stream(values()).map(ModelKind::spelling).collect(Collectors.joining(", "));
    }

    /** What the model predicts; a network's task is its shape's, so {@code network} is needed only for MLP. */
    public ProblemType task(NetworkShape network) {
        return switch (this) {
            case LINEAR -> ProblemType.REGRESSION;
            case LOGISTIC -> ProblemType.BINARY;
            case SOFTMAX -> ProblemType.MULTICLASS;
            case MLP -> {
                if (network == null) {
                    throw new IllegalArgumentException("an mlp needs its network shape");
                }
                yield network.task();
            }
        };
    }
}
