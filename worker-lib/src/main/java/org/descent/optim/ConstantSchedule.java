package org.descent.optim;

/** The same learning rate at every iteration. */
public record ConstantSchedule(double learningRate) implements LearningRateSchedule {

    public ConstantSchedule {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("lr must be a finite number > 0, got " + learningRate);
        }
    }

    @Override
    public double rate(long iteration) {
        return learningRate;
    }
}
