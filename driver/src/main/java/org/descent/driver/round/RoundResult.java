package org.descent.driver.round;

import org.descent.sums.SumsLayout;

/**
 * What one aggregation round brought back: the raw sums of {@link SumsLayout} for the
 * iteration's batch. The mean loss and gradient (divided by the batch's weight) are derived
 * on read; regularization is the trainer's to add.
 */
public record RoundResult(SumsLayout sumsLayout, double[] sums) {

    public double weightSum() {
        return sums[sumsLayout.weightIndex()];
    }

    public long rowCount() {
        return (long) sums[sumsLayout.countIndex()];
    }

    /** Weighted mean loss of the batch, {@code sum w_i l_i / sum w_i}; NaN for an empty batch. */
    public double meanLoss() {
        return sums[sumsLayout.lossIndex()] / weightSum();
    }

    /** Weighted mean gradient of the batch, a new array. */
    public double[] meanGradient() {
        double[] g = new double[sumsLayout.numParams()];
        double inverse = 1.0 / weightSum();
        for (int i = 0; i < g.length; i++) {
            g[i] = sums[i] * inverse;
        }
        return g;
    }
}
