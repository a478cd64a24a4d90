package org.descent.optim;

/**
 * Linear decay from η to a final rate over a number of iterations, then constant:
 * <pre>
 *   η_t = η + (η_final − η) · min(t / T, 1)
 * </pre>
 * On the command line T is the run's {@code --max-iter} (less any warm-up), so the rate reaches
 * the final rate as training ends.
 *
 * @param finalRate        η_final >= 0; 0 by default on the command line
 * @param decayIterations  T >= 1
 */
public record LinearSchedule(double learningRate, double finalRate, long decayIterations)
        implements LearningRateSchedule {

    public LinearSchedule {
        HyperParameters.positive("lr", learningRate);
        HyperParameters.nonNegative("final-lr", finalRate);
        if (decayIterations < 1) {
            throw new IllegalArgumentException("the linear schedule needs at least 1 iteration to decay over, got "
                    + decayIterations);
        }
    }

    @Override
    public double rate(long iteration) {
        double progress = Math.min((double) iteration / decayIterations, 1.0);
        return learningRate + (finalRate - learningRate) * progress;
    }

    @Override
    public String name() {
        return "linear";
    }

    @Override
    public String toString() {
        return "linear(lr=" + learningRate + ", final-lr=" + finalRate + ", over=" + decayIterations + ")";
    }
}
