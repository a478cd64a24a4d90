package org.descent.driver.train;

/** Told about each iteration as it completes: progress output, history files, tests. */
@FunctionalInterface
public interface IterationListener {

    void onIteration(IterationRecord record, int maxIterations);
}
