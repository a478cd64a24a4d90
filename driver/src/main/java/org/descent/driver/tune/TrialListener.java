package org.descent.driver.tune;

import org.descent.driver.train.IterationRecord;

/** Hears each iteration of each trial of a {@link TrialRunner}, on the driver. */
@FunctionalInterface
public interface TrialListener {

    void onIteration(int trial, IterationRecord record);
}
