package org.descent.optim;

import org.descent.model.ParameterLayout;

/**
 * RMSProp (Tieleman and Hinton 2012): AdaGrad with a forgetting average instead of a sum,
 * <pre>
 *   E ← ρ E + (1 − ρ) g²
 *   θ ← θ − η g / (√E + ε)
 * </pre>
 * State: one running mean square per parameter, starting at 0 (no bias correction, as in the
 * lecture and in PyTorch).
 *
 * @param rho ρ in [0, 1); 0.9 by default
 * @param eps ε > 0; 1e-8 by default
 */
public record RmsProp(double rho, double eps) implements Optimizer {

    public static final double DEFAULT_RHO = 0.9;

    public RmsProp {
        HyperParameters.unitInterval("rho", rho);
        HyperParameters.positive("eps", eps);
    }

    public RmsProp() {
        this(DEFAULT_RHO, AdaGrad.DEFAULT_EPS);
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    public int stateSize(int numParams) {
        return numParams;
    }

    @Override
    public void update(double[] params, double[] gradient, double learningRate, OptimizerState state,
                       ParameterLayout layout) {
        double[] meanSquare = state.slots();
        for (int i = 0; i < params.length; i++) {
            double g = gradient[i];
            meanSquare[i] = rho * meanSquare[i] + (1 - rho) * g * g;
            params[i] -= learningRate * g / (Math.sqrt(meanSquare[i]) + eps);
        }
        state.advance();
    }

    @Override
    public String toString() {
        return "rmsprop(rho=" + rho + ", eps=" + eps + ")";
    }
}
