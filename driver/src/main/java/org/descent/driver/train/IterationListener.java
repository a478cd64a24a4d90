package org.descent.driver.train;

/** Told about each iteration as it completes: progress output, history files, tests. */
@FunctionalInterface
public interface IterationListener {

    void onIteration(IterationRecord record, int maxIterations);

    /**
     * The same, with the parameters the next iteration starts from (after this iteration's
     * update), for listeners that score the model while it trains. The array is the trainer's
     * own: read it during the call, never keep or change it. By default, the record alone.
     */
    default void onIteration(IterationRecord record, int maxIterations, double[] params) {
        onIteration(record, maxIterations);
    }
}
