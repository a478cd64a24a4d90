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
 * @param rho ρ; default and range in {@link #RHO}
 * @param eps ε; {@link #EPS}
 */
public record RmsProp(double rho, double eps) implements Optimizer {

    public static final Hyperparameter RHO =
            Hyperparameter.withDefault("rho", "mean-square decay ρ", ValueRange.UNIT_INTERVAL, 0.9);
    public static final Hyperparameter EPS = Hyperparameter.withDefault("eps", "ε", ValueRange.POSITIVE, 1e-8);

    public RmsProp {
        RHO.check(rho);
        EPS.check(eps);
    }

    public RmsProp() {
        this(RHO.byDefault(), EPS.byDefault());
    }

    @Override
    public UpdateRule rule() {
        return UpdateRule.RMSPROP;
    }

    @Override
    public HyperparameterValues settings() {
        return HyperparameterValues.NONE.with(RHO, rho).with(EPS, eps);
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
        return settings().describe(name());
    }
}
