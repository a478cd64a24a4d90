package org.descent.optim;

/**
 * Exponential decay: {@code η_t = η · γ^t}, a smooth version of {@link StepSchedule}.
 *
 * @param gamma γ; default and range in {@link #GAMMA}
 */
public record ExponentialSchedule(double learningRate, double gamma) implements LearningRateSchedule {

    public static final Hyperparameter GAMMA =
            Hyperparameter.withDefault("gamma", "factor per iteration γ", ValueRange.DECAY_FACTOR, 0.99);

    public ExponentialSchedule {
        ScheduleKind.LEARNING_RATE.check(learningRate);
        GAMMA.check(gamma);
    }

    @Override
    public double rate(long iteration) {
        return learningRate * Math.pow(gamma, iteration);
    }

    @Override
    public ScheduleKind kind() {
        return ScheduleKind.EXPONENTIAL;
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
