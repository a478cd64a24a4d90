package org.descent.optim;

import java.io.Serializable;

/**
 * The learning rate to use at each iteration (0-based), independent of the optimizer, so every
 * schedule composes with every update rule. A pure function of the iteration: a resumed run
 * gets the same rates as an uninterrupted one without any schedule state in the checkpoint.
 */
public interface LearningRateSchedule extends Serializable {

    double rate(long iteration);

    /** Which kind of schedule this is (for a warm-up, the kind of the one it hands over to). */
    ScheduleKind kind();

    /**
     * Every value the rates are a function of, by key: the initial rate, the kind's settings,
     * and what the run supplied (a linear decay's span, a warm-up's length).
     */
    HyperparameterValues settings();

    /** The name used on the command line ({@code --schedule}). */
    default String name() {
        return kind().spelling();
    }
}
