package org.descent.optim;

/** The same learning rate η at every iteration. */
public record ConstantSchedule(double learningRate) implements LearningRateSchedule {

    public ConstantSchedule {
        HyperParameters.positive("lr", learningRate);
    }

    @Override
    public double rate(long iteration) {
        return learningRate;
    }

    @Override
    public String name() {
        return "constant";
    }

    @Override
    public String toString() {
        return "constant(lr=" + learningRate + ")";
    }
}
