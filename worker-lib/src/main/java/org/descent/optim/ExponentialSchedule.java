package org.descent.optim;

/**
 * Exponential decay: {@code η_t = η · γ^t}, a smooth version of {@link StepSchedule}.
 *
 * @param gamma γ in (0, 1]; 0.99 by default on the command line
 */
public record ExponentialSchedule(double learningRate, double gamma) implements LearningRateSchedule {

    public ExponentialSchedule {
        HyperParameters.positive("lr", learningRate);
        StepSchedule.decayFactor(gamma);
    }

    @Override
    public double rate(long iteration) {
        return learningRate * Math.pow(gamma, iteration);
    }

    @Override
    public String name() {
        return "exponential";
    }

    @Override
    public String toString() {
        return "exponential(lr=" + learningRate + ", gamma=" + gamma + ")";
    }
}
