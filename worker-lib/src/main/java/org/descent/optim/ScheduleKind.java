package org.descent.optim;

import java.util.List;
import java.util.Map;

/**
 * Every learning-rate schedule, by the name the command line, config files and checkpoints
 * use, with its settings (key, meaning, range, default) and a factory: the schedules'
 * counterpart of {@link UpdateRule}, and the one place their spellings are written. Every
 * schedule also takes the initial rate {@link #LEARNING_RATE}; a warm-up
 * ({@link WarmupSchedule}) goes in front of any of them.
 */
public enum ScheduleKind implements NamedChoice {

    CONSTANT("constant", (learningRate, values, decayIterations) -> new ConstantSchedule(learningRate)),
    STEP("step", (learningRate, values, decayIterations) -> new StepSchedule(learningRate,
            values.get(StepSchedule.GAMMA), values.count(StepSchedule.STEP_EVERY)),
            StepSchedule.GAMMA, StepSchedule.STEP_EVERY),
    EXPONENTIAL("exponential", (learningRate, values, decayIterations) -> new ExponentialSchedule(learningRate,
            values.get(ExponentialSchedule.GAMMA)),
            ExponentialSchedule.GAMMA),
    LINEAR("linear", (learningRate, values, decayIterations) -> new LinearSchedule(learningRate,
            values.get(LinearSchedule.FINAL_LR), decayIterations),
            LinearSchedule.FINAL_LR),
    INVERSE_TIME("inverse-time", (learningRate, values, decayIterations) -> new InverseTimeSchedule(learningRate,
            values.get(InverseTimeSchedule.GAMMA)),
            InverseTimeSchedule.GAMMA);

    /** The rate every schedule starts from, η. */
    public static final Hyperparameter LEARNING_RATE =
            Hyperparameter.withDefault("lr", "initial learning rate η", ValueRange.POSITIVE, 0.1);

    /** The schedule a run uses when none is named. */
    public static final ScheduleKind DEFAULT = CONSTANT;

    /** Builds one kind of schedule from the initial rate, its settings and the run's decay span. */
    @FunctionalInterface
    private interface Factory {
        LearningRateSchedule create(double learningRate, HyperparameterValues values, long decayIterations);
    }

    private final String spelling;
    private final Factory factory;
    private final List<Hyperparameter> settings;

    ScheduleKind(String spelling, Factory factory, Hyperparameter... settings) {
        this.spelling = spelling;
        this.factory = factory;
        this.settings = List.of(settings);
    }

    @Override
    public String spelling() {
        return spelling;
    }

    /** This kind's own settings, besides the initial rate every schedule takes. */
    @Override
    public List<Hyperparameter> settings() {
        return settings;
    }

    /**
     * A schedule of this kind starting at {@code learningRate}, with these settings
     * ({@code given} by key; null or absent for the default), refused as in
     * {@link UpdateRule#create}. {@code decayIterations} is how many iterations a decay towards a
     * final rate spans (the run's length after any warm-up), which only {@link #LINEAR} uses.
     */
    public LearningRateSchedule create(double learningRate, Map<String, ? extends Number> given, long decayIterations) {
        return factory.create(learningRate, HyperparameterValues.complete("schedule '" + spelling + "'", settings, given),
                decayIterations);
    }

    /** The kind spelled {@code text} (any case, surrounding spaces ignored). */
    public static ScheduleKind named(String text) {
        return NamedChoice.named(values(), "schedule", text);
    }

    /** Every kind's spelling, comma-separated, in declaration order. */
    public static String allowed() {
        return NamedChoice.allowed(values());
    }
}
