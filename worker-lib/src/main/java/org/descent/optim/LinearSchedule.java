package org.descent.optim;

/**
 * Linear decay from η to a final rate over a number of iterations, then constant:
 * <pre>
 *   η_t = η + (η_final − η) · min(t / T, 1)
 * </pre>
 * On the command line T is the run's {@code --max-iter} (less any warm-up), so the rate reaches
 * the final rate as training ends.
 *
 * @param finalRate        η_final; default and range in {@link #FINAL_LR}
 * @param decayIterations  T >= 1, supplied by the run rather than set by the user
 */
public record LinearSchedule(double learningRate, double finalRate, long decayIterations)
        implements LearningRateSchedule {

    public static final Hyperparameter FINAL_LR =
            Hyperparameter.withDefault("final-lr", "final rate η_final", ValueRange.NON_NEGATIVE, 0);
    /** The key of T among {@link #settings()}; not a setting, since the run's length decides it. */
    public static final String DECAY_ITERATIONS = "decay-iterations";

    public LinearSchedule {
        ScheduleKind.LEARNING_RATE.check(learningRate);
        FINAL_LR.check(finalRate);
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
    public ScheduleKind kind() {
        return ScheduleKind.LINEAR;
    }

    @Override
    public HyperparameterValues settings() {
        return HyperparameterValues.NONE.with(ScheduleKind.LEARNING_RATE, learningRate).with(FINAL_LR, finalRate)
                .with(DECAY_ITERATIONS, decayIterations);
    }

    /** Shows T as "over", as logs and model files always have. */
    @Override
    public String toString() {
        return name() + "(lr=" + learningRate + ", final-lr=" + finalRate + ", over=" + decayIterations + ")";
    }
}
