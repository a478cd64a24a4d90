package org.descent.driver.tune;

import org.descent.driver.train.TrainingResult;

/**
 * Trains a fixed list of trials (training configurations) on the same loaded data, a budget
 * of iterations at a time, so a search can score them at growing budgets and drop the weak
 * ones. Trial {@code i} is the {@code i}-th configuration the runner was made with.
 * Implementations: trials one after another, or grouped so that trials sharing their batch
 * sampling train together in one pass over the data.
 */
public interface TrialRunner extends AutoCloseable {

    /**
     * Trains every trial still running until it has done {@code iterations} iterations in all,
     * or until its own stopping rules (tolerance, gradient norm, early stopping, divergence)
     * end it earlier; every iteration of every trial is reported to {@code listener}. A trial
     * that diverges stops alone; the others go on.
     */
    void advanceTo(int iterations, TrialListener listener);

    /** Stops trial {@code trial} where it is (a search dropped it); its result is its state so far. */
    void drop(int trial);

    /** Whether trial {@code trial} can still train (not stopped by its rules, not dropped). */
    boolean isRunning(int trial);

    /** Trial {@code trial}'s result so far: its model, history and stop reason. */
    TrainingResult result(int trial);

    /** The gradient rows computed so far, summed over all trials: the work a search has cost. */
    long gradientRows();

    /** Releases what the runner holds on the cluster (broadcasts); the data stays cached. */
    @Override
    void close();
}
