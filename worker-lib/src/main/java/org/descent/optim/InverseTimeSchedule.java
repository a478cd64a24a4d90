package org.descent.optim;

/**
 * Inverse-time decay, the Robbins–Monro shape that makes SGD converge:
 * {@code η_t = η / (1 + γ t)}.
 *
 * @param gamma γ > 0
 */
public record InverseTimeSchedule(double learningRate, double gamma) implements LearningRateSchedule {

    public InverseTimeSchedule {
        HyperParameters.positive("lr", learningRate);
        HyperParameters.positive("gamma", gamma);
    }

    @Override
    public double rate(long iteration) {
        return learningRate / (1 + gamma * iteration);
    }

    @Override
    public String name() {
        return "inverse-time";
    }

    @Override
    public String toString() {
        return "inverse-time(lr=" + learningRate + ", gamma=" + gamma + ")";
    }
}
