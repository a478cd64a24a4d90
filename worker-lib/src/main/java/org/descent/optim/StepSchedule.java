package org.descent.optim;

/**
 * Step decay: the rate drops by the factor γ every k iterations,
 * {@code η_t = η · γ^⌊t / k⌋}.
 *
 * @param gamma     γ; default and range in {@link #GAMMA}
 * @param stepEvery k; required, range in {@link #STEP_EVERY}
 */
public record StepSchedule(double learningRate, double gamma, int stepEvery) implements LearningRateSchedule {

    public static final Hyperparameter GAMMA =
            Hyperparameter.withDefault("gamma", "factor per step γ", ValueRange.DECAY_FACTOR, 0.1);
    /** No default: how often to drop depends on the run's length, which only the user knows. */
    public static final Hyperparameter STEP_EVERY =
            Hyperparameter.required("step-every", "iterations between drops", ValueRange.COUNT);

    public StepSchedule {
        ScheduleKind.LEARNING_RATE.check(learningRate);
        GAMMA.check(gamma);
        STEP_EVERY.check(stepEvery);
    }

    @Override
    public double rate(long iteration) {
        return learningRate * Math.pow(gamma, iteration / stepEvery);
    }

    @Override
    public ScheduleKind kind() {
        return ScheduleKind.STEP;
    }

    @Override
    public HyperparameterValues settings() {
        return HyperparameterValues.NONE.with(ScheduleKind.LEARNING_RATE, learningRate).with(GAMMA, gamma)
                .with(STEP_EVERY, stepEvery);
    }

    @Override
    public String toString() {
        return settings().describe(name());
    }
}
