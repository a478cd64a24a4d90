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
 * <p>Its β1, β2 and ε are declared here, not taken from {@link Adam}: they are AdamW's
 * defaults (the same as Adam's, as in PyTorch), and changing Adam's should not silently change
 * another rule.
 *
 * @param weightDecay λ; default and range in {@link #WEIGHT_DECAY}
 */
public record AdamW(double beta1, double beta2, double eps, double weightDecay) implements Optimizer {

    public static final Hyperparameter BETA1 =
            Hyperparameter.withDefault("beta1", "first-moment decay β1", ValueRange.UNIT_INTERVAL, 0.9);
    public static final Hyperparameter BETA2 =
            Hyperparameter.withDefault("beta2", "second-moment decay β2", ValueRange.UNIT_INTERVAL, 0.999);
    public static final Hyperparameter EPS = Hyperparameter.withDefault("eps", "ε", ValueRange.POSITIVE, 1e-8);
    public static final Hyperparameter WEIGHT_DECAY =
            Hyperparameter.withDefault("weight-decay", "decoupled weight decay λ", ValueRange.NON_NEGATIVE, 0.01);

    public AdamW {
        BETA1.check(beta1);
        BETA2.check(beta2);
        EPS.check(eps);
        WEIGHT_DECAY.check(weightDecay);
    }

    public AdamW() {
        this(BETA1.byDefault(), BETA2.byDefault(), EPS.byDefault(), WEIGHT_DECAY.byDefault());
    }

    @Override
    public UpdateRule rule() {
        return UpdateRule.ADAMW;
    }

    @Override
    public HyperparameterValues settings() {
        return HyperparameterValues.NONE.with(BETA1, beta1).with(BETA2, beta2).with(EPS, eps)
                .with(WEIGHT_DECAY, weightDecay);
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
        return settings().describe(name());
    }
}
