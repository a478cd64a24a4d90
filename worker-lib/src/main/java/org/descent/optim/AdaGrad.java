package org.descent.optim;

import org.descent.model.ParameterLayout;

/**
 * AdaGrad (Duchi, Hazan and Singer 2011), diagonal form:
 * <pre>
 *   G ← G + g²
 *   θ ← θ − η g / (√G + ε)
 * </pre>
 * Each parameter's step shrinks with the sum of its squared gradients, so rarely active
 * (sparse) features keep large steps. State: one accumulator per parameter, starting at 0.
 *
 * @param eps ε > 0, keeps the first steps finite; default and range in {@link #EPS}
 */
public record AdaGrad(double eps) implements Optimizer {

    public static final Hyperparameter EPS = Hyperparameter.withDefault("eps", "ε", ValueRange.POSITIVE, 1e-8);

    public AdaGrad {
        EPS.check(eps);
    }

    public AdaGrad() {
        this(EPS.byDefault());
    }

    @Override
    public UpdateRule rule() {
        return UpdateRule.ADAGRAD;
    }

    @Override
    public HyperparameterValues settings() {
        return HyperparameterValues.NONE.with(EPS, eps);
    }

    @Override
    public int stateSize(int numParams) {
        return numParams;
    }

    @Override
    public void update(double[] params, double[] gradient, double learningRate, OptimizerState state,
                       ParameterLayout layout) {
        double[] sumSquares = state.slots();
        for (int i = 0; i < params.length; i++) {
            double g = gradient[i];
            sumSquares[i] += g * g;
            params[i] -= learningRate * g / (Math.sqrt(sumSquares[i]) + eps);
        }
        state.advance();
    }

    @Override
    public String toString() {
        return settings().describe(name());
    }
}
