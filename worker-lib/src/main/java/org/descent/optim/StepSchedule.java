package org.descent.optim;

/**
 * Step decay: the rate drops by the factor γ every k iterations,
 * {@code η_t = η · γ^⌊t / k⌋}.
 *
 * @param gamma     γ in (0, 1]; 0.1 by default on the command line
 * @param stepEvery k >= 1
 */
public record StepSchedule(double learningRate, double gamma, int stepEvery) implements LearningRateSchedule {

    public StepSchedule {
        HyperParameters.positive("lr", learningRate);
        decayFactor(gamma);
        if (stepEvery < 1) {
            throw new IllegalArgumentException("step-every must be >= 1, got " + stepEvery);
        }
    }

    @Override
    public double rate(long iteration) {
        return learningRate * Math.pow(gamma, iteration / stepEvery);
    }

    @Override
    public String name() {
        return "step";
    }

    /** A decay factor γ in (0, 1]: a rate that grows is not a decay. */
    static double decayFactor(double gamma) {
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma must be in (0, 1] for this schedule, got " + gamma);
        }
        return gamma;
    }

    @Override
    public String toString() {
        return "step(lr=" + learningRate + ", gamma=" + gamma + ", step-every=" + stepEvery + ")";
    }
}
