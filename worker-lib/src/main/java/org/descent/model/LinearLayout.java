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
        if ((long) numFeatures * numOutputs + numOutputs > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many parameters: " + numOutputs + " x " + numFeatures);
        }
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
