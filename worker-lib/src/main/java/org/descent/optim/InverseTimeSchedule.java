package org.descent.optim;

/**
 * Inverse-time decay, the Robbins–Monro shape that makes SGD converge:
 * {@code η_t = η / (1 + γ t)}.
 *
 * @param gamma γ; default and range in {@link #GAMMA}
 */
public record InverseTimeSchedule(double learningRate, double gamma) implements LearningRateSchedule {

    public static final Hyperparameter GAMMA =
            Hyperparameter.withDefault("gamma", "rate η/(1 + γt) with γ", ValueRange.POSITIVE, 0.01);

    public InverseTimeSchedule {
        ScheduleKind.LEARNING_RATE.check(learningRate);
        GAMMA.check(gamma);
    }

    @Override
    public double rate(long iteration) {
        return learningRate / (1 + gamma * iteration);
    }

    @Override
    public ScheduleKind kind() {
        return ScheduleKind.INVERSE_TIME;
    }

    @Override
    public HyperparameterValues settings() {
        return HyperparameterValues.NONE.with(ScheduleKind.LEARNING_RATE, learningRate).with(GAMMA, gamma);
    }

    @Override
    public String toString() {
        return settings().describe(name());
    }
}
