package org.descent.optim;

import org.descent.model.ParameterLayout;

/**
 * AdamW (Loshchilov and Hutter 2019): Adam with decoupled weight decay. Each step first
 * shrinks the weights, then takes the {@link Adam} step on the loss gradient alone:
 * <pre>
 *   θ ← θ − η λ θ        (weights only; intercepts and biases are not decayed)
 *   θ ← Adam step with g
 * </pre>
 * Unlike an L2 penalty, the decay does not pass through Adam's per-parameter scaling, so every
 * weight decays at the same relative rate. The decay is scaled by the learning rate (as in
 * PyTorch), so a schedule scales both.
 *
 * @param weightDecay λ >= 0; 0.01 by default
 */
public record AdamW(double beta1, double beta2, double eps, double weightDecay) implements Optimizer {

    public static final double DEFAULT_WEIGHT_DECAY = 0.01;

    public AdamW {
        new Adam(beta1, beta2, eps); // the same checks and messages
        HyperParameters.nonNegative("weight-decay", weightDecay);
    }

    public AdamW() {
        this(Adam.DEFAULT_BETA1, Adam.DEFAULT_BETA2, AdaGrad.DEFAULT_EPS, DEFAULT_WEIGHT_DECAY);
    }

    @Override
    public String name() {
        return "adamw";
    }

    @Override
    public int stateSize(int numParams) {
        return 2 * numParams;
    }

    @Override
    public void update(double[] params, double[] gradient, double learningRate, OptimizerState state,
                       ParameterLayout layout) {
        double shrink = 1 - learningRate * weightDecay;
        for (int i = 0; i < params.length; i++) {
            if (layout.isPenalized(i)) {
                params[i] *= shrink;
            }
        }
        Adam.step(params, gradient, learningRate, state, beta1, beta2, eps);
    }

    @Override
    public String toString() {
        return "adamw(beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + eps + ", weight-decay=" + weightDecay + ")";
    }
}
