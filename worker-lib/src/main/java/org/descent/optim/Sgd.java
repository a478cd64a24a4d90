package org.descent.optim;

import org.descent.model.ParameterLayout;

/**
 * Plain (stochastic) gradient descent: {@code θ ← θ − η g}. Stateless apart from the step
 * count.
 */
public record Sgd() implements Optimizer {

    @Override
    public UpdateRule rule() {
        return UpdateRule.SGD;
    }

    @Override
    public HyperparameterValues settings() {
        return HyperparameterValues.NONE;
    }

    @Override
    public int stateSize(int numParams) {
        return 0;
    }

    @Override
    public void update(double[] params, double[] gradient, double learningRate, OptimizerState state,
                       ParameterLayout layout) {
        for (int i = 0; i < params.length; i++) {
            params[i] -= learningRate * gradient[i];
        }
        state.advance();
    }

    @Override
    public String toString() {
        return settings().describe(name());
    }
}
