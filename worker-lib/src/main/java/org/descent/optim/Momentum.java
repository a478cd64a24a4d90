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
 * @param momentum μ in [0, 1); 0.9 by default
 */
public record Momentum(double momentum) implements Optimizer {

    public static final double DEFAULT_MOMENTUM = 0.9;

    public Momentum {
        HyperParameters.unitInterval("momentum", momentum);
    }

    public Momentum() {
        this(DEFAULT_MOMENTUM);
    }

    @Override
    public String name() {
        return "momentum";
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
        return "momentum(momentum=" + momentum + ")";
    }
}
