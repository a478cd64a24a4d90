package org.descent.optim;

import org.descent.model.ParameterLayout;

/**
 * Adam (Kingma and Ba 2015, Algorithm 1), with bias correction; at step t = steps + 1:
 * <pre>
 *   m ← β₁ m + (1 − β₁) g
 *   v ← β₂ v + (1 − β₂) g²
 *   m̂ = m / (1 − β₁ᵗ)     v̂ = v / (1 − β₂ᵗ)
 *   θ ← θ − η m̂ / (√v̂ + ε)
 * </pre>
 * State: the first moments m, then the second moments v (two slots per parameter), and the
 * step count for t.
 *
 * @param beta1 β₁; default and range in {@link #BETA1}
 * @param beta2 β₂; {@link #BETA2}
 * @param eps   ε; {@link #EPS}
 */
public record Adam(double beta1, double beta2, double eps) implements Optimizer {

    public static final Hyperparameter BETA1 =
            Hyperparameter.withDefault("beta1", "first-moment decay β1", ValueRange.UNIT_INTERVAL, 0.9);
    public static final Hyperparameter BETA2 =
            Hyperparameter.withDefault("beta2", "second-moment decay β2", ValueRange.UNIT_INTERVAL, 0.999);
    public static final Hyperparameter EPS = Hyperparameter.withDefault("eps", "ε", ValueRange.POSITIVE, 1e-8);

    public Adam {
        BETA1.check(beta1);
        BETA2.check(beta2);
        EPS.check(eps);
    }

    public Adam() {
        this(BETA1.byDefault(), BETA2.byDefault(), EPS.byDefault());
    }

    @Override
    public UpdateRule rule() {
        return UpdateRule.ADAM;
    }

    @Override
    public HyperparameterValues settings() {
        return HyperparameterValues.NONE.with(BETA1, beta1).with(BETA2, beta2).with(EPS, eps);
    }

    @Override
    public int stateSize(int numParams) {
        return 2 * numParams;
    }

    @Override
    public void update(double[] params, double[] gradient, double learningRate, OptimizerState state,
                       ParameterLayout layout) {
        step(params, gradient, learningRate, state, beta1, beta2, eps);
    }

    /** The Adam step shared with {@link AdamW}, which decays the weights before it. */
    static void step(double[] params, double[] gradient, double learningRate, OptimizerState state,
                     double beta1, double beta2, double eps) {
        int n = params.length;
        double[] moments = state.slots();
        long t = state.steps() + 1;
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < n; i++) {
            double g = gradient[i];
            double m = beta1 * moments[i] + (1 - beta1) * g;
            double v = beta2 * moments[n + i] + (1 - beta2) * g * g;
            moments[i] = m;
            moments[n + i] = v;
            params[i] -= learningRate * (m / correction1) / (Math.sqrt(v / correction2) + eps);
        }
        state.advance();
    }

    @Override
    public String toString() {
        return settings().describe(name());
    }
}
