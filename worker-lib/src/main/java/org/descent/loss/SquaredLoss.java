package org.descent.loss;

/**
 * Squared loss for least-squares regression on one output: for margin {@code z} and label
 * {@code y},
 * <pre>
 *   l(z, y)   = ½ (z − y)²
 *   dl/dz     = z − y
 *   predict   = z
 * </pre>
 * The factor ½ makes the derivative the plain residual, so the mean-loss gradient of a linear
 * model is {@code (1/n) Xᵀ(Xθ − y)} and its zero is the normal-equation solution
 * {@code XᵀXθ = Xᵀy} (Hastie, Tibshirani and Friedman, <i>The Elements of Statistical
 * Learning</i>, 2nd ed., §3.2).
 */
public record SquaredLoss() implements OutputLoss {

    /** The name used on the command line and in model files. */
    public static final String NAME = "squared";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int numOutputs() {
        return 1;
    }

    @Override
    public double lossAndDerivative(double[] z, double label, double[] dz) {
        double residual = z[0] - label;
        dz[0] = residual;
        return 0.5 * residual * residual;
    }

    @Override
    public void predict(double[] z, double[] out) {
        out[0] = z[0];
    }

    @Override
    public int numPredictionOutputs() {
        return 1;
    }

    /** Any finite number is a valid regression target; NaN and ±∞ are not. */
    @Override
    public String checkLabel(double label) {
        return Double.isFinite(label) ? null : "squared loss needs a finite numeric label, got " + label;
    }
}
