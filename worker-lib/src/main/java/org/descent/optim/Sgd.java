package org.descent.optim;

/**
 * Plain (stochastic) gradient descent: {@code theta <- theta - eta * g}. Stateless apart from
 * the step count.
 */
public record Sgd() implements Optimizer {

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public int stateSize(int numParams) {
        return 0;
    }

    @Override
    public void update(double[] params, double[] gradient, double learningRate, OptimizerState state) {
        for (int i = 0; i < params.length; i++) {
            params[i] -= learningRate * gradient[i];
        }
        state.advance();
    }
}
