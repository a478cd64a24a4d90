package org.descent.optim;

import org.descent.model.ParameterLayout;

/**
 * Nesterov's accelerated gradient, in the look-ahead-free form of Sutskever et al. (2013) that
 * PyTorch uses with {@code nesterov=True}:
 * <pre>
 *   v ← μ v + g
 *   θ ← θ − η (g + μ v)
 * </pre>
 * Equivalent to evaluating the gradient at the point momentum is about to carry θ to, without
 * a second gradient evaluation. State: one velocity per parameter, starting at 0.
 *
 * @param momentum μ; default and range in {@link #MOMENTUM}
 */
public record Nesterov(double momentum) implements Optimizer {

    public static final Hyperparameter MOMENTUM =
            Hyperparameter.withDefault("momentum", "momentum μ", ValueRange.UNIT_INTERVAL, 0.9);

    public Nesterov {
        MOMENTUM.check(momentum);
    }

    public Nesterov() {
        this(MOMENTUM.byDefault());
    }

    @Override
    public UpdateRule rule() {
        return UpdateRule.NESTEROV;
    }

    @Override
    public HyperparameterValues settings() {
        return HyperparameterValues.NONE.with(MOMENTUM, momentum);
    }

    @Override
    public int stateSize(int numParams) {
        return numParams;
    }

    @Override
    public void update(double[] params, double[] gradient, double learningRate, OptimizerState state,
                       ParameterLayout layout) {
        double[] v = state.slots();
        for (int i = 0; i < params.length; i++) {
            v[i] = momentum * v[i] + gradient[i];
            params[i] -= learningRate * (gradient[i] + momentum * v[i]);
        }
        state.advance();
    }

    @Override
    public String toString() {
        return settings().describe(name());
    }
}
