package org.descent.model;

/**
 * Parameters of a linear model with {@code numOutputs} outputs over {@code numFeatures}
 * features: first the weight matrix W (numOutputs x numFeatures, row-major), then, when
 * {@code fitIntercept}, one intercept per output. Output k's margin is
 * {@code z_k = sum_j W[k][j] x_j + b_k}.
 */
public record LinearLayout(int numFeatures, int numOutputs, boolean fitIntercept) implements ParameterLayout {

    public LinearLayout {
        if (numFeatures < 1) {
            throw new IllegalArgumentException("numFeatures must be at least 1, got " + numFeatures);
        }
        if (numOutputs < 1) {
            throw new IllegalArgumentException("numOutputs must be at least 1, got " + numOutputs);
        }
        if ((long) numFeatures * numOutputs + numOutputs > MAX_PARAMS) {
            throw new IllegalArgumentException("too many parameters: " + numOutputs + " x " + numFeatures);
        }
    }

    /**
     * The most parameters one layout holds: the largest array length every JVM allocates (the
     * JDK's {@code ArraysSupport.SOFT_MAX_ARRAY_LENGTH}).
     */
    public static final int MAX_PARAMS = Integer.MAX_VALUE - 8;

    /**
     * The largest feature count a layout with {@code numOutputs} outputs accepts: weights and
     * one intercept per output (counted with or without an intercept, as the constructor
     * counts them) within {@link #MAX_PARAMS}.
     */
    public static int maxFeatures(int numOutputs) {
        if (numOutputs < 1) {
            throw new IllegalArgumentException("numOutputs must be at least 1, got " + numOutputs);
        }
        return (MAX_PARAMS - numOutputs) / numOutputs;
    }

    @Override
    public int numParams() {
        return numOutputs * numFeatures + (fitIntercept ? numOutputs : 0);
    }

    /** Index of W[output][feature]. */
    public int weightIndex(int output, int feature) {
        return output * numFeatures + feature;
    }

    /** Index of b[output]; only meaningful when {@link #fitIntercept()}. */
    public int interceptIndex(int output) {
        return numOutputs * numFeatures + output;
    }

    @Override
    public boolean isPenalized(int index) {
        return index < numOutputs * numFeatures;
    }
}
