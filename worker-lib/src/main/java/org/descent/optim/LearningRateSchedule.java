package org.descent.optim;

import java.io.Serializable;

/** The learning rate to use at each iteration (0-based), independent of the optimizer. */
public interface LearningRateSchedule extends Serializable {

    double rate(long iteration);
}
