package org.descent.optim;

import org.descent.model.ParameterLayout;

/**
 * Heavy-ball momentum (Polyak 1964), in the form PyTorch and Sutskever et al. (2013) use:
 * <pre>
 *   v ← μ v + g
 *   θ ← θ − η v
 * </pre>
 * The velocity accumulates gradients, not steps, so a changing learning rate (a schedule)
 * scales the whole step at once. State: one velocity per parameter, starting at 0.
 *
 * @param momentum μ; default and range in {@link #MOMENTUM}
 */
public record Momentum(double momentum) implements Optimizer {

    public static final Hyperparameter MOMENTUM =
            Hyperparameter.withDefault("momentum", "momentum μ", ValueRange.UNIT_INTERVAL, 0.9);

    public Momentum {
        MOMENTUM.check(momentum);
    }

    public Momentum() {
        this(MOMENTUM.byDefault());
    }

    @Override
    public UpdateRule rule() {
        return UpdateRule.MOMENTUM;
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
            params[i] -= learningRate * v[i];
        }
        state.advance();
    }

    @Override
    public String toString() {
        return settings().describe(name());
    }
}
