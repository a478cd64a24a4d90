package org.descent.optim;

/** The same learning rate η at every iteration. */
public record ConstantSchedule(double learningRate) implements LearningRateSchedule {

    public ConstantSchedule {
        ScheduleKind.LEARNING_RATE.check(learningRate);
    }

    @Override
    public double rate(long iteration) {
        return learningRate;
    }

    @Override
    public ScheduleKind kind() {
        return ScheduleKind.CONSTANT;
    }

    @Override
    public HyperparameterValues settings() {
        return HyperparameterValues.NONE.with(ScheduleKind.LEARNING_RATE, learningRate);
    }

    @Override
    public String toString() {
        return settings().describe(name());
    }
}
