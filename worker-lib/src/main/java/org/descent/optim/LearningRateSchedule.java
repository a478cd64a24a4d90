package org.descent.optim;

import java.io.Serializable;

/**
 * The learning rate to use at each iteration (0-based), independent of the optimizer, so every
 * schedule composes with every update rule. A pure function of the iteration: a resumed run
 * gets the same rates as an uninterrupted one without any schedule state in the checkpoint.
 */
public interface LearningRateSchedule extends Serializable {

    double rate(long iteration);

    /** The name used on the command line ({@code --schedule}). */
    String name();
}
