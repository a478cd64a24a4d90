package org.descent.driver.train;

/** Told about each iteration as it completes: progress output, history files, tests. */
@FunctionalInterface
public interface IterationListener {

    void onIteration(IterationRecord record, int maxIterations);

    /**
     * The parameters the next iteration starts from, right after {@link #onIteration} for the
     * iteration {@code iteration} (1-based). Read them, never keep or change the array: it is
     * the trainer's own. Time spent here is outside every iteration's {@code millis}, so a
     * listener can measure the parameters (say, the objective on all rows) without changing
     * the timings it reports.
     *
     * <p>These are the trainer's parameters: with standardization, the standardized
     * coordinates θ' that {@link Trainer#objective} takes; {@link Trainer#modelParameters}
     * turns them into the model, in the features' own units.
     */
    default void onParameters(int iteration, double[] params) {
    }

    /** Tells {@code first}, then {@code second}, of every iteration and of its parameters. */
    static IterationListener both(IterationListener first, IterationListener second) {
        return new IterationListener() {
            @Override
            public void onIteration(IterationRecord record, int maxIterations) {
                first.onIteration(record, maxIterations);
                second.onIteration(record, maxIterations);
            }

            @Override
            public void onParameters(int iteration, double[] params) {
                first.onParameters(iteration, params);
                second.onParameters(iteration, params);
            }
        };
    }
}
